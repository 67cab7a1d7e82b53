import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core } from '../../../src/main/core/app/core'
import { createLogger } from '../../../src/main/core/log/logger'
import { memorySink } from '../../support/memory-sink'
import { SecretRegistry } from '../../../src/main/core/log/redact'
import type { Clipboard, Keychain, PlatformServices } from '../../../src/main/core/platform/platform'
import type { ScryptParams } from '../../../src/main/core/vault/crypto'
import { memoryStore, type KeyValueStore } from '../../../src/main/core/vault/prefs'
import { VaultService, type VaultServiceOptions } from '../../../src/main/core/vault/vault.service'
import { EventBus } from '../../../src/main/core/events/event-bus'
import { ConnectionRecords } from '../../../src/main/core/connections/connection-record'
import { PROVIDER_MODULES } from '../../../src/main/core/providers/registry'

/** The shipped providers' connection records (what createCore builds from the registry). */
export function testRecords(): ConnectionRecords {
  return new ConnectionRecords(PROVIDER_MODULES)
}
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** Cheap scrypt for tests that are not about the KDF (the real default is exercised separately). */
export const FAST_KDF: ScryptParams = { N: 2 ** 10, r: 8, p: 1 }
export const PASS = 'amber-tractor-violin-42'
export const OTHER_PASS = 'quiet-lemon-harbor-77'

const dirs: string[] = []
export function tmpDir(prefix = 'backdesk-vault-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}
export function cleanupDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export async function openVault(dir: string, options: Partial<VaultServiceOptions> = {}) {
  const events = new EventBus()
  const secrets = new SecretRegistry()
  const sink = memorySink()
  const logger = createLogger({ sinks: [sink], secrets, level: 'debug' })
  const prefs: KeyValueStore = options.prefs ?? memoryStore()
  const vault = await VaultService.open({ dataDir: dir, events, logger, secrets, prefs, kdf: FAST_KDF, ...options, records: options.records ?? testRecords() })
  const seen: Array<{ topic: string; payload: unknown }> = []
  events.subscribe((topic, payload) => seen.push({ topic, payload }))
  return { vault, events, secrets, sink, prefs, seen }
}

/** A keychain stand-in: AES-GCM under a per-instance key, like a real OS keychain bound to one device. */
export function fakeKeychain(available = true): Keychain & { available: boolean } {
  const key = randomBytes(32)
  const kc = {
    available,
    isAvailable: () => kc.available,
    encrypt(plain: Buffer) {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', key, iv)
      const ct = Buffer.concat([c.update(plain), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), ct])
    },
    decrypt(sealed: Buffer) {
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      d.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()])
    }
  }
  return kc
}

export function fakeClipboard(): Clipboard & { text: string } {
  const cb = {
    text: '',
    writeText(text: string) {
      cb.text = text
    },
    readText() {
      return cb.text
    }
  }
  return cb
}

export async function makeCore(dir: string, platform: Partial<PlatformServices> = {}, vault: Parameters<typeof createCore>[0]['vault'] = {}) {
  const sink = memorySink()
  const core: Core = await createCore({
    shell: 'web',
    dataDir: dir,
    versions: { node: process.versions.node },
    platform: { openExternal: async () => undefined, ...platform },
    logSinks: [sink],
    logLevel: 'debug',
    vault: { kdf: FAST_KDF, prefs: memoryStore(), ...vault }
  })
  const events: Array<{ topic: string; payload: unknown }> = []
  core.events.subscribe((topic, payload) => events.push({ topic, payload }))
  /** Dispatch and return the whole envelope, keeping every serialised answer for leak checks. */
  const answers: string[] = []
  const call = async (channel: string, input?: unknown) => {
    const result = await core.router.dispatch(channel, input, 'test')
    answers.push(JSON.stringify(result))
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
    return result as { ok: true; value: any } | { ok: false; error: { code: string; message: string; details?: any } }
  }
  /** Dispatch and return the value, failing the test on an error envelope. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
  const ok = async (channel: string, input?: unknown): Promise<any> => {
    const result = await call(channel, input)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
    return result.value
  }
  return { core, sink, events, answers, call, ok }
}

/** A core with its vault set up and the Demo workspace started: its connections point at `sim`. */
export async function makeDemoCore(dir: string) {
  const made = await makeCore(dir)
  await made.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  await made.ok('demo.start')
  const sim = made.core.demo.simulator
  if (!sim) throw new Error('the demo simulator is not running')
  return { ...made, sim }
}

export const TEST_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBizCCATGgAwIBAgIUYYQb2Q+nPkoSY6s0yFvRHAkS1OAwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQQmFja2Rlc2sgVGVzdCBDQTAeFw0yNjExMjIwNzM1NTdaFw0z
NjExMTkwNzM1NTdaMBsxGTAXBgNVBAMMEEJhY2tkZXNrIFRlc3QgQ0EwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAATMUdj/lYxrjllkMoiVnwS8SAG3E2AqkPgepRr2
kTc3VbBzy4CTQKxCKzbZvxvf9X+eua2tjy0bxi7oeoVkKOe0o1MwUTAdBgNVHQ4E
FgQUkzSlETkSsp5ZzAHlNv5sTE5kFXowHwYDVR0jBBgwFoAUkzSlETkSsp5ZzAHl
Nv5sTE5kFXowDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAJCAxX
dKoR9xf2QJ5lXGJhoTrVIAxwi1Fwh2zyGjCYxQIhALLEaAqDnKz3FF0cWoA3kbuV
L1Z5Vxk//zOe4MYX7AnR
-----END CERTIFICATE-----
`
