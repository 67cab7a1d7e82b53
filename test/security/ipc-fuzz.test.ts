// Property-based fuzzing of the IPC boundary: every declared channel gets at least 1,000 generated
// invalid payloads (wrong types, huge strings and arrays, prototype-pollution keys), and unknown
// channels are probed too. Every answer must be an error envelope; nothing may crash, and the data
// folder and the vault's state must be exactly as before.
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src/main/core/app/core'
import { headlessPlatform } from '../../src/main/core/platform/platform'
import { CHANNEL_NAMES, channels, isChannelName } from '../../src/shared/contract'
import { ERROR_CODES } from '../../src/shared/errors'

const RUNS = 1000
let core: Core
let dataDir: string

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name)
      if (statSync(full).isDirectory()) walk(full)
      else out[full] = createHash('sha256').update(readFileSync(full)).digest('hex')
    }
  }
  walk(dir)
  return out
}

const pollution = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":{"isAdmin":true},"id":"x"}',
  '{"connectionId":"x","__proto__":{"toString":"boom"}}'
).map((text) => JSON.parse(text) as unknown)

/** Anything JSON can carry, biased towards the shapes that break validators. */
const payload = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 5000, maxLength: 70_000 }) },
  { weight: 1, arbitrary: fc.array(fc.integer(), { minLength: 1000, maxLength: 20_000 }) },
  { weight: 1, arbitrary: fc.record({ id: fc.string({ minLength: 300, maxLength: 5000 }), connectionId: fc.string({ minLength: 300, maxLength: 5000 }) }) },
  { weight: 1, arbitrary: pollution },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, '', 'undefined', [], [[]]) }
)

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'backdesk-fuzz-'))
  core = await createCore({ shell: 'test' as never, dataDir, versions: { node: process.versions.node }, platform: headlessPlatform })
  // A real vault with a connection, so a handler that ran on bad input would leave a trace.
  if (isChannelName('vault.setup')) {
    const setup = await core.router.dispatch('vault.setup', { passphrase: 'correct horse battery staple 9', confirm: 'correct horse battery staple 9' }, 'test')
    expect(setup.ok).toBe(true)
    const created = await core.router.dispatch(
      'connections.create',
      { provider: 'cloudback', name: 'Fuzz target', baseUrl: 'https://app.cloudback.it', apiKey: 'fuzz-canary-api-key-123' },
      'test'
    )
    expect(created.ok).toBe(true)
  }
})

afterAll(async () => {
  await core.dispose()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('IPC fuzzing', () => {
  for (const name of CHANNEL_NAMES) {
    it(`${name}: ${RUNS} invalid payloads give validation envelopes and change nothing`, async () => {
      const before = snapshot(dataDir)
      const statusBefore = isChannelName('vault.status') ? await core.router.dispatch('vault.status', undefined, 'test') : null
      const schema = channels[name].input
      await fc.assert(
        fc.asyncProperty(payload, async (raw) => {
          // Travel as JSON, like both transports do.
          const input = JSON.parse(JSON.stringify(raw) ?? 'null') as unknown
          fc.pre(!schema.safeParse(input).success)
          const result = await core.router.dispatch(name, input, 'test')
          expect(result.ok).toBe(false)
          if (!result.ok) {
            expect(result.error.code).toBe('VALIDATION')
            expect(ERROR_CODES).toContain(result.error.code)
            expect(typeof result.error.message).toBe('string')
            expect(result.error.message.length).toBeLessThan(500)
          }
        }),
        { numRuns: RUNS, seed: 20261122, endOnFailure: true }
      )
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
      expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined()
      expect(snapshot(dataDir)).toEqual(before)
      if (statusBefore) {
        const statusAfter = await core.router.dispatch('vault.status', undefined, 'test')
        expect((statusAfter as { value?: { state?: string } }).value?.state).toBe(
          (statusBefore as { value?: { state?: string } }).value?.state
        )
      }
    })
  }

  it('refuses 1,000 unknown channel names without a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'app.about.x', 'APP.ABOUT')), payload, async (channel, input) => {
        fc.pre(!isChannelName(channel))
        const result = await core.router.dispatch(channel, input, 'test')
        expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
      }),
      { numRuns: RUNS, seed: 7 }
    )
  })
})
