import { describe, expect, it } from 'vitest'
import { createRouter, type HandlerMap } from '../../../src/main/core/ipc/router'
import { createLogger } from '../../../src/main/core/log/logger'
import { memorySink } from '../../support/memory-sink'
import { SecretRegistry } from '../../../src/main/core/log/redact'
import { AppError } from '../../../src/shared/errors'

function setup(overrides: Partial<HandlerMap> = {}, revealChannels?: Set<'app.ping'>) {
  const secrets = new SecretRegistry()
  const sink = memorySink()
  const logger = createLogger({ sinks: [sink], secrets })
  // Only the app channels are exercised here; the rest of the map is irrelevant to the router.
  const handlers = {
    'app.about': () => ({
      name: 'Backdesk',
      version: '0',
      shell: 'web',
      platform: 'linux',
      arch: 'x64',
      versions: { node: '20' },
      dataDir: '/tmp'
    }),
    'app.ping': () => ({ pong: true, at: 'now' }),
    'app.openExternal': () => ({ opened: true }),
    ...overrides
  } as unknown as HandlerMap
  const router = createRouter({ handlers, logger, secrets, ...(revealChannels ? { revealChannels } : {}) })
  return { router, secrets, sink }
}

describe('router', () => {
  it('answers a valid call with an ok envelope', async () => {
    const { router } = setup()
    const result = await router.dispatch('app.ping', undefined, 'test')
    expect(result).toEqual({ ok: true, value: { pong: true, at: 'now' } })
  })

  it('refuses unknown channels, including inherited property names', async () => {
    const { router } = setup()
    for (const channel of ['nope.nothing', '__proto__', 'constructor', 42, null]) {
      const result = await router.dispatch(channel, {}, 'test')
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    }
  })

  it('validates input before the handler runs and never echoes the offending value', async () => {
    let ran = false
    const { router } = setup({
      'app.openExternal': () => {
        ran = true
        return { opened: true }
      }
    })
    const result = await router.dispatch('app.openExternal', { url: 'not a url s3cr3t-value' }, 'test')
    expect(ran).toBe(false)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION')
      expect(JSON.stringify(result)).not.toContain('s3cr3t-value')
    }
    const extra = await router.dispatch('app.ping', { unexpected: true }, 'test')
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('names the refused field as the form labels it, in plain words, for a banner', async () => {
    const { router } = setup({})
    const empty = await router.dispatch('vault.changePassphrase', { current: '', next: 'a long new passphrase', confirm: 'a long new passphrase' }, 'test')
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Current passphrase: Enter a value.' } })
    const zero = await router.dispatch('offline.settings.set', { maxAgeDays: 0 }, 'test')
    expect(zero).toMatchObject({ ok: false, error: { message: 'Keep snapshots for (days): Enter 1 or more.' } })
    const long = await router.dispatch('search.query', { text: 'x'.repeat(600) }, 'test')
    expect(long).toMatchObject({ ok: false, error: { message: 'Search: Use at most 200 characters.' } })
    const quiet = await router.dispatch('watch.settings.set', { notifications: { quietHours: { start: '' } } }, 'test')
    expect(quiet).toMatchObject({ ok: false, error: { message: 'Quiet hours from: Enter a time, like 22:00.' } })
    // A field the contract does not describe is named by its key in words.
    const limit = await router.dispatch('search.query', { text: 'x', limit: 0 }, 'test')
    expect(limit).toMatchObject({ ok: false, error: { message: 'Limit: Enter 1 or more.' } })
    for (const answer of [empty, zero, long, quiet, limit]) expect(answer.ok ? '' : answer.error.message).not.toMatch(/Invalid input|maxAgeDays|"/)
  })

  it('keeps an AppError code and message', async () => {
    const { router } = setup({
      'app.ping': () => {
        throw new AppError('LOCKED', 'The vault is locked.')
      }
    })
    expect(await router.dispatch('app.ping', undefined, 'test')).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'The vault is locked.', retryable: false }
    })
  })

  it('turns any other error into INTERNAL without its message or stack', async () => {
    const { router, sink } = setup({
      'app.ping': () => {
        throw new Error('ECONNREFUSED at /home/alice/secret/path.ts:12')
      }
    })
    const result = await router.dispatch('app.ping', undefined, 'test')
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: false } })
    const text = JSON.stringify(result)
    expect(text).not.toContain('ECONNREFUSED')
    expect(text).not.toContain('path.ts')
    expect(sink.records.some((r) => r.level === 'error')).toBe(true)
  })

  it('withholds an answer that contains a registered secret', async () => {
    const { router, secrets } = setup({
      'app.ping': () => ({ pong: true, at: 'hunter2-canary-secret' })
    })
    secrets.add('hunter2-canary-secret')
    const result = await router.dispatch('app.ping', undefined, 'test')
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain('hunter2-canary-secret')
  })

  it('lets a reveal channel return the one secret its handler allowed, and no other', async () => {
    const { router, secrets } = setup(
      {
        'app.ping': (_input, ctx) => {
          ctx.allowSecret('node-password-1')
          return { pong: true, at: 'node-password-1' }
        }
      },
      new Set(['app.ping'] as const)
    )
    secrets.add('node-password-1')
    secrets.add('other-secret-2')
    expect(await router.dispatch('app.ping', undefined, 'test')).toEqual({
      ok: true,
      value: { pong: true, at: 'node-password-1' }
    })
  })

  it('ignores allowSecret on channels that are not reveal channels', async () => {
    const { router, secrets } = setup({
      'app.ping': (_input, ctx) => {
        ctx.allowSecret('node-password-1')
        return { pong: true, at: 'node-password-1' }
      }
    })
    secrets.add('node-password-1')
    expect(await router.dispatch('app.ping', undefined, 'test')).toMatchObject({ ok: false })
  })

  it('serialises identically for the web shell', async () => {
    const { router } = setup()
    const json = await router.dispatchJson('app.ping', {}, 'web')
    expect(JSON.parse(json)).toEqual({ ok: true, value: { pong: true, at: 'now' } })
  })
})
