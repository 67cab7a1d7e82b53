import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SecretRegistry } from '../../../src/main/core/log/redact'

const A = 'https://a.example'
const B = 'https://b.example:8443'

/** The forms a secret travels in (what the door must recognise). */
function formsOf(value: string): string[] {
  return [value, encodeURIComponent(value), new URLSearchParams({ s: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)]
}

describe('SecretRegistry: origins', () => {
  it('finds a secret bound elsewhere in every form it travels in, anywhere in the text', () => {
    const secrets = new SecretRegistry()
    const value = 'Pa$$ w0rd+&"é\\'
    secrets.add(value, A)
    for (const form of formsOf(value)) {
      for (const text of [form, `x=${form}`, `${form}&y=1`, `{"a":"${form}","b":2}`]) {
        expect([...(secrets.boundElsewhere(text, B) ?? [])], text).toEqual([A])
        expect(secrets.boundElsewhere(text, A), text).toBeUndefined()
      }
    }
    expect(secrets.boundElsewhere('Pa$$ w0rd', B)).toBeUndefined()
    expect(secrets.boundElsewhere('', B)).toBeUndefined()
  })

  it('leaves unbound values and values too short to register alone; redaction still covers them', () => {
    const secrets = new SecretRegistry()
    secrets.add('unbound-value')
    secrets.add('abc', A)
    expect(secrets.boundElsewhere('unbound-value abc', B)).toBeUndefined()
    expect(secrets.originsOf('abc').size).toBe(0)
    expect(secrets.redactText('x unbound-value y')).toBe('x [redacted] y')
  })

  it('adds origins to a binding, replaces it with bind, and forgets it on delete and clear', () => {
    const secrets = new SecretRegistry()
    secrets.add('shared-secret-1', A)
    expect(secrets.boundElsewhere('shared-secret-1', B)).toBeDefined() // builds the index
    secrets.add('shared-secret-1', B)
    expect(secrets.boundElsewhere('shared-secret-1', B)).toBeUndefined()
    secrets.add('later-secret-2', A) // added after the index exists
    expect(secrets.boundElsewhere('..later-secret-2..', B)).toBeDefined()
    secrets.bind('shared-secret-1', new Set([B]))
    expect([...secrets.originsOf('shared-secret-1')]).toEqual([B])
    expect(secrets.boundElsewhere('shared-secret-1', A)).toBeDefined()
    secrets.bind('shared-secret-1', new Set())
    expect(secrets.boundElsewhere('shared-secret-1', A)).toBeUndefined()
    expect(secrets.containsSecret('shared-secret-1')).toBe(true)
    secrets.delete('later-secret-2')
    expect(secrets.boundElsewhere('later-secret-2', B)).toBeUndefined()
    secrets.add('third-secret-3', A)
    secrets.clear()
    expect(secrets.boundElsewhere('third-secret-3', B)).toBeUndefined()
    expect(secrets.size).toBe(0)
  })

  it('skips over a secret that may go to this origin without missing one that may not, right after it', () => {
    const secrets = new SecretRegistry()
    secrets.add('own-bearer-token-0000', A)
    secrets.add('foreign-secret-1111', B)
    expect(secrets.boundElsewhere('Bearer own-bearer-token-0000', A)).toBeUndefined()
    expect(secrets.boundElsewhere('own-bearer-token-0000foreign-secret-1111', A)).toBeDefined()
    expect(secrets.boundElsewhere('own-bearer-token-0000 foreign-secret-1111', A)).toBeDefined()
    expect(secrets.boundElsewhere('own-bearer-token-0000fore', A)).toBeUndefined()
  })

  it('agrees with a plain search over every form, for any secrets, origins and text', () => {
    // Secrets start with "S<n>-" and nothing else holds an "S", so no secret can begin inside
    // another: then skipping over an allowed one is exact, and the two must always agree.
    const alphabet = fc.constantFrom(...'ab %&+"\\é/=:'.split(''))
    const secretArb = fc.array(fc.string({ unit: alphabet, minLength: 2, maxLength: 10 }), { minLength: 1, maxLength: 30 })
    fc.assert(
      fc.property(
        secretArb,
        fc.array(fc.constantFrom(A, B, 'http://127.0.0.1:9'), { minLength: 30, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ unit: alphabet, maxLength: 6 })), { maxLength: 8 }),
        fc.constantFrom(A, B, 'http://127.0.0.1:9'),
        (tails, origins, pieces, target) => {
          const secrets = new SecretRegistry()
          const values = tails.map((t, i) => `S${i}-${t}`)
          const bound = new Map<string, string>()
          values.forEach((v, i) => {
            if (i % 4 === 3) secrets.add(v) // some stay unbound
            else {
              secrets.add(v, origins[i])
              bound.set(v, origins[i] as string)
            }
          })
          const text = pieces.map(([which, form, noise]) => `${formsOf(values[which % values.length] as string)[form]}${noise}`).join('')
          const expected = [...bound].some(([v, origin]) => origin !== target && formsOf(v).some((f) => text.includes(f)))
          expect(secrets.boundElsewhere(text, target) !== undefined).toBe(expected)
        }
      ),
      { numRuns: 500 }
    )
  })
})
