// The router's last guard (SECURITY.md: "withholds any answer that contains a registered secret")
// for secrets whose characters JSON escapes. Answers cross IPC as JSON, where a password such as
// `Pa"ss\word` travels as `Pa\"ss\\word`: the guard must recognise it in that form too, and a node
// password revealed on purpose must still pass, alone.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EventBus } from '../../src/main/core/events/event-bus'
import { createRouter, type HandlerMap } from '../../src/main/core/ipc/router'
import { createLogger } from '../../src/main/core/log/logger'
import { memorySink } from '../support/memory-sink'
import { SecretRegistry } from '../../src/main/core/log/redact'

function setup(answer: () => unknown, reveal?: { value: string }) {
  const secrets = new SecretRegistry()
  const sink = memorySink()
  const logger = createLogger({ sinks: [sink], secrets })
  const handlers = {
    'app.about': answer,
    'app.ping': (_input: unknown, ctx: { allowSecret(v: string): void }) => {
      if (reveal) ctx.allowSecret(reveal.value)
      return answer()
    }
  } as unknown as HandlerMap
  const router = createRouter({ handlers, logger, secrets, revealChannels: new Set(['app.ping'] as const) })
  return { router, secrets, sink }
}

const WITHHELD = { ok: false, error: { code: 'INTERNAL', message: 'Backdesk withheld an answer that contained a secret.' } }

// Passwords people really use, with the characters JSON escapes.
const AWKWARD = ['Pa"ss\\word-1', 'quote"only-22', 'back\\slash-333', 'tab\there-4444', 'new\nline-55555', 'ctrl\u0001char-6', 'mix "\\ \u0007 ü € 🙂 end']

describe('router last guard: secrets in their JSON-escaped form', () => {
  it.each(AWKWARD)('withholds an answer carrying %j, in any field', async (secret) => {
    const { router, secrets, sink } = setup(() => ({ note: `before ${secret} after`, nested: [{ deep: secret }] }))
    secrets.add(secret)
    const json = await router.dispatchJson('app.about', undefined, 'test')
    expect(json).not.toContain(JSON.stringify(secret).slice(1, -1))
    expect(JSON.parse(json)).toMatchObject(WITHHELD)
    expect(sink.records.some((r) => /withheld/.test(r.message))).toBe(true)
    expect(JSON.stringify(sink.records)).not.toContain(JSON.stringify(secret).slice(1, -1))
  })

  it('withholds any registered secret of any characters (property, 300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 4, maxLength: 40, unit: 'binary' }), async (secret) => {
        const { router, secrets } = setup(() => ({ value: secret }))
        secrets.add(secret)
        const answer = JSON.parse(await router.dispatchJson('app.about', undefined, 'test')) as { ok: boolean }
        expect(answer.ok).toBe(false)
      }),
      { numRuns: 300, seed: 91 }
    )
  })

  it('lets the one revealed node password through, and still withholds another secret beside it', async () => {
    const revealed = 'Node"Pw\\7-abc'
    const other = 'Other"Secret\\9'
    const alone = setup(() => ({ password: revealed }), { value: revealed })
    alone.secrets.add(revealed)
    expect(JSON.parse(await alone.router.dispatchJson('app.ping', undefined, 'test'))).toEqual({ ok: true, value: { password: revealed } })

    const both = setup(() => ({ password: revealed, extra: other }), { value: revealed })
    both.secrets.add(revealed)
    both.secrets.add(other)
    expect(JSON.parse(await both.router.dispatchJson('app.ping', undefined, 'test'))).toMatchObject(WITHHELD)
  })
})

describe('event guard', () => {
  it('withholds an event that would carry a registered secret, and passes the others', () => {
    const secrets = new SecretRegistry()
    secrets.add('pa"ss\\word-canary')
    const withheld: string[] = []
    const bus = new EventBus({ secrets, onWithheld: (topic) => withheld.push(topic) })
    const seen: unknown[] = []
    bus.subscribe((_topic, payload) => seen.push(payload))
    bus.emit('app.notice', { level: 'info', message: 'nothing secret' })
    bus.emit('app.notice', { level: 'error', message: 'login failed for pa"ss\\word-canary' })
    expect(seen).toEqual([{ level: 'info', message: 'nothing secret' }])
    expect(withheld).toEqual(['app.notice'])
  })
})
