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

describe('SecretRegistry: the leak guard', () => {
  /** The plain search the guard must agree with: every form of every registered value. */
  const naive = (values: Iterable<string>, text: string) => [...values].some((v) => formsOf(v).some((f) => text.includes(f)))

  it('finds every form of a secret at the start, the end and the middle of a text, and nothing else', () => {
    const secrets = new SecretRegistry()
    const value = 'Pa$$ w0rd+&"é\\'
    secrets.add(value)
    secrets.add('another-registered-value-0123456789')
    for (const form of formsOf(value)) {
      for (const text of [form, `x=${form}`, `${form}&y=1`, `{"a":"${form}","b":2}`, `${'.'.repeat(1000)}${form}`]) {
        expect(secrets.containsSecret(text), text).toBe(true)
      }
    }
    expect(secrets.containsSecret('Pa$$ w0rd')).toBe(false)
    expect(secrets.containsSecret('')).toBe(false)
    expect(secrets.containsSecret(`${'.'.repeat(500)}another-registered-value-012345678`)).toBe(false)
    expect(secrets.containsSecret(`${'.'.repeat(500)}another-registered-value-0123456789`)).toBe(true)
  })

  it('follows additions, a shorter value after long ones, deletions and clear', () => {
    const secrets = new SecretRegistry()
    secrets.add('a-long-registered-value-0123456789-abcdef')
    const text = '..a-long-registered-value-0123456789-abcdef..wxyz..'
    expect(secrets.containsSecret(text)).toBe(true) // builds the index
    secrets.add('wxyz') // shorter than anything indexed
    secrets.delete('a-long-registered-value-0123456789-abcdef')
    expect(secrets.containsSecret(text)).toBe(true)
    expect(secrets.containsSecret('..a-long-registered-value-0123456789-abcdef..')).toBe(false)
    secrets.add('a-second-long-value-after-the-index-exists', 'https://a.example')
    expect(secrets.containsSecret('(a-second-long-value-after-the-index-exists)')).toBe(true)
    secrets.bind('a-second-long-value-after-the-index-exists', new Set())
    expect(secrets.containsSecret('(a-second-long-value-after-the-index-exists)')).toBe(true)
    secrets.clear()
    expect(secrets.containsSecret(text)).toBe(false)
    expect(secrets.size).toBe(0)
  })

  it('agrees with a plain search over every form, for any secrets, changes and text', () => {
    // A small alphabet so that secrets overlap, are prefixes of one another and turn up by chance.
    const alphabet = fc.constantFrom(...'ab %&+"\\é/=:'.split(''))
    // Short values (searched for whole), values around the length where sampling starts (some of
    // their encoded forms are sampled, some not) and long ones.
    const valueArb = fc.oneof(
      fc.string({ unit: alphabet, minLength: 1, maxLength: 8 }),
      fc.string({ unit: alphabet, minLength: 9, maxLength: 16 }),
      fc.string({ unit: alphabet, minLength: 20, maxLength: 60 })
    )
    const step = fc.oneof(
      fc.record({ add: valueArb }),
      fc.record({ remove: fc.nat() }),
      fc.record({ check: fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.nat(12), fc.string({ unit: alphabet, maxLength: 40 })), { maxLength: 6 }) }),
      fc.record({ text: fc.string({ unit: alphabet, maxLength: 300 }) }),
      fc.constant({ clear: true as const })
    )
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const secrets = new SecretRegistry()
        const registered = new Set<string>()
        const known: string[] = []
        for (const s of steps) {
          if ('add' in s) {
            secrets.add(s.add)
            known.push(s.add)
            if (s.add.length >= 4) registered.add(s.add)
          } else if ('remove' in s) {
            const value = known[s.remove % Math.max(1, known.length)]
            if (value !== undefined) {
              secrets.delete(value)
              registered.delete(value)
            }
          } else if ('clear' in s) {
            secrets.clear()
            registered.clear()
          } else {
            // A text with pieces of known values' forms (whole or cut short) between noise.
            const text = 'text' in s
              ? s.text
              : s.check
                  .map(([which, form, cut, noise]) => {
                    const value = known[which % Math.max(1, known.length)] ?? ''
                    const f = formsOf(value)[form] ?? ''
                    return `${noise}${cut === 0 ? f.slice(0, -1) : cut === 1 ? f.slice(1) : f}`
                  })
                  .join('')
            expect(secrets.containsSecret(text), text).toBe(naive(registered, text))
          }
        }
      }),
      { numRuns: 1000 }
    )
  })
})
