// What a full run of the core leaves in its data folder: a core driven through the channels of
// every provider against the simulator (changes, restores, tracked definitions, a fleet scan and
// review, wrong passphrases, settings). Every file and folder must be user-only, and no customer
// name, host or e-mail from the simulator's data may be readable in any file's bytes. The data
// must still load after lock/unlock and after a restart.
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core/app/core'
import { entryHash, GENESIS, LEGACY_JOURNAL_FILE } from '../../../src/main/core/journal/activity-journal'
import { headlessPlatform } from '../../../src/main/core/platform/platform'
import { LEGACY_CLOUDBACK_DEFINITIONS_FILE } from '../../../src/main/core/providers/cloudback/cloudback.service'
import { LEGACY_RESTORES_FILE } from '../../../src/main/core/providers/cloudally/restore-tracker'
import { LEGACY_REVIEW_FILE } from '../../../src/main/core/fleet/review-store'
import type { JournalEntry } from '../../../src/shared/contract/journal.contract'
import type { FleetProgress } from '../../../src/shared/model/fleet'
import type { Simulator } from '../../../src/simulator'
import { startSimulator } from '../../simulator/helpers'

const FAST_KDF = { N: 2 ** 10, r: 8, p: 1 }
const PASS = 'amber-tractor-violin-42'

let sim: Simulator
const dirs: string[] = []
const cores: Core[] = []

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 31 })
})
afterAll(() => sim.stop())
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backdesk-at-rest-'))
  dirs.push(dir)
  return dir
}

async function start(dataDir: string) {
  const core = await createCore({ shell: 'web', dataDir, versions: { node: process.versions.node }, platform: headlessPlatform, vault: { kdf: FAST_KDF } })
  cores.push(core)
  const call = (channel: string, input?: unknown) => core.router.dispatch(channel, input, 'test')
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked with toMatchObject
  const ok = async (channel: string, input?: unknown): Promise<any> => {
    const result = await call(channel, input)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
    return result.value
  }
  const stop = async () => {
    cores.splice(cores.indexOf(core), 1)
    await core.dispose()
  }
  return { core, call, ok, stop }
}

/** Every file and folder under `root` (the root included), without following links. */
function walk(root: string): { files: string[]; folders: string[] } {
  const out = { files: [] as string[], folders: [root] }
  for (const name of readdirSync(root)) {
    const path = join(root, name)
    const stat = lstatSync(path)
    if (stat.isDirectory()) {
      const inner = walk(path)
      out.files.push(...inner.files)
      out.folders.push(...inner.folders)
    } else out.files.push(path)
  }
  return out
}

function expectUserOnly(root: string): void {
  if (process.platform === 'win32') return
  const { files, folders } = walk(root)
  const mode = (p: string) => (statSync(p).mode & 0o777).toString(8)
  expect(files.map((f) => [f.slice(root.length), mode(f)])).toEqual(files.map((f) => [f.slice(root.length), '600']))
  expect(folders.map((f) => [f.slice(root.length), mode(f)])).toEqual(folders.map((f) => [f.slice(root.length), '700']))
}

/** The plain strings found in any file's bytes (as UTF-8, and as UTF-16 for good measure). */
function readable(root: string, strings: string[]): string[] {
  const bytes = walk(root).files.map((f) => readFileSync(f))
  return strings.filter((s) => bytes.some((b) => b.includes(Buffer.from(s, 'utf8')) || b.includes(Buffer.from(s, 'utf16le'))))
}

function scanDone(core: Core): Promise<FleetProgress> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe((topic, payload) => {
      const p = payload as FleetProgress
      if (topic === 'fleet.progress' && p.state !== 'running') {
        stop()
        resolve(p)
      }
    })
  })
}

describe('data at rest', () => {
  it('leaves only user-only files with no readable customer data, which load again after lock/unlock and a restart', async () => {
    const dir = tmp()
    const first = await start(dir)
    const { ok, call } = first
    await ok('vault.setup', { passphrase: PASS, confirm: PASS })
    // A wrong passphrase: the throttle's counter goes to the preferences file.
    await ok('vault.lock')
    expect(await call('vault.unlock', { passphrase: 'not-the-passphrase-at-all' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } })
    await ok('vault.unlock', { passphrase: PASS })

    const ct = sim.cloutility.credentials
    const ca = sim.cloudally.credentials
    const clu = await ok('connections.create', { provider: 'cloutility', name: 'Rest Cloutility', customer: 'Fabrikam', baseUrl: sim.cloutility.url, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: ct.password })
    const cla = await ok('connections.create', { provider: 'cloudally', name: 'Rest CloudAlly', customer: 'Fabrikam', baseUrl: sim.cloudally.url, mode: 'partner', clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.partnerEmail, password: ca.partnerPassword })
    const clb = await ok('connections.create', { provider: 'cloudback', name: 'Rest Cloudback', customer: 'Fabrikam', baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey })

    // Cloutility: reads (offline snapshots) and a change (activity journal).
    await ok('cloutility.tree', { connectionId: clu.id })
    const zones = await ok('cloutility.timeZones', { connectionId: clu.id })
    const unit = await ok('cloutility.businessUnit.create', { connectionId: clu.id, parentId: ct.homeBusinessUnitId, unit: { name: 'Fabrikam Canary Unit', timeZoneId: zones[0].id, invoiceDay: 0 } })
    // CloudAlly: a download request (restore history, with the task's name and the link).
    const task = sim.cloudally.data.tasks.find((t) => t.lastBackupMs !== null && t.status === 'ACTIVE')!
    const restore = await ok('cloudally.restore.start', { connectionId: cla.id, requestKey: 'at-rest-key-0001', taskId: task.id, taskName: task.alias, source: task.account, kind: 'download', entities: [], items: [] })
    // Cloudback: a looked-up definition (tracked definitions).
    const account = sim.cloudback.data.accounts.find((a) => a.platform === 'GitHub' && (sim.cloudback.data.knownRepos[a.name]?.length ?? 0) > 0)!
    const repo = sim.cloudback.data.knownRepos[account.name]![0]!
    await ok('cloudback.definition.get', { connectionId: clb.id, platform: 'GitHub', account: account.name, subjectName: repo, subjectType: 'Repository' })
    // Fleet: a scan and a review with a note.
    const done = scanDone(first.core)
    await ok('fleet.scan.start')
    expect((await done).state).toBe('done')
    const row = (await ok('fleet.scan.status')).rows.find((r: { provider: string }) => r.provider === 'cloudback')
    await ok('fleet.review.set', { key: row.key, state: 'acknowledged', note: 'Called Fabrikam about the repository' })
    await ok('offline.settings.set', { maxAgeDays: 5 })

    // What the run produced, as the screens see it.
    const expectLoaded = async (o: typeof ok) => {
      const journal = await o('journal.list', { connectionId: clu.id })
      expect(journal.entries.map((e: JournalEntry) => e.object.name)).toContain('Fabrikam Canary Unit')
      expect(await o('journal.verify')).toMatchObject({ ok: true })
      expect(await o('restores.list')).toEqual([expect.objectContaining({ id: restore.id, taskName: task.alias, source: task.account })])
      expect((await o('cloudback.tracked.list', { connectionId: clb.id })).map((d: { subjectName: string }) => d.subjectName)).toContain(repo)
      expect(await o('fleet.review.list')).toEqual([expect.objectContaining({ key: row.key, note: 'Called Fabrikam about the repository' })])
    }
    await expectLoaded(ok)
    expect(unit.name).toBe('Fabrikam Canary Unit')

    // Locked: none of it is served.
    await ok('vault.lock')
    for (const [channel, input] of [
      ['journal.list', {}],
      ['journal.verify', {}],
      ['restores.list', {}],
      ['cloudback.tracked.list', { connectionId: clb.id }],
      ['fleet.review.list', undefined]
    ] as const) {
      expect(await call(channel, input), channel).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    }
    await ok('vault.unlock', { passphrase: PASS })
    await expectLoaded(ok)
    await first.stop()

    // Every file the run wrote is user-only, and none holds a customer name, host or e-mail.
    const written = walk(dir).files.map((f) => f.slice(dir.length + 1).replace(/^snapshots\/[0-9a-f]+\.snap\.json$/, 'snapshots/<connection>.snap.json').replace(/^scan-history\/[0-9]+-[0-9a-f-]+\.scan$/, 'scan-history/<scan>.scan'))
    expect(new Set(written)).toEqual(
      new Set([
        'vault.json',
        'vault.json.bak',
        'vault-prefs.json',
        'activity-journal.sealed.jsonl',
        'activity-journal.sealed.jsonl.head',
        'restores.sealed.json',
        'cloudback-definitions.sealed.json',
        'fleet-review.sealed.json',
        'scan-history/<scan>.scan',
        'scan-history/trend.sealed.json',
        'offline-settings.json',
        'snapshots/<connection>.snap.json'
      ])
    )
    expectUserOnly(dir)
    const customerData = [
      'Fabrikam',
      sim.cloutility.data.businessUnits.get(ct.homeBusinessUnitId)!.name,
      ct.username,
      task.alias,
      task.account,
      ca.partnerEmail,
      account.name,
      repo,
      new URL(sim.cloutility.url).host,
      new URL(sim.cloudally.url).host,
      new URL(sim.cloudback.url).host
    ]
    expect(readable(dir, customerData)).toEqual([])
    // (The check does see plaintext: the offline settings, which are not customer data, are found.)
    expect(readable(dir, ['"maxAgeDays"'])).toEqual(['"maxAgeDays"'])

    // A restart: locked until unlocked, then all of it is back.
    const second = await start(dir)
    expect(await second.call('restores.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    await second.ok('vault.unlock', { passphrase: PASS })
    await expectLoaded(second.ok)
    await second.stop()
    expectUserOnly(dir)
    expect(readable(dir, customerData)).toEqual([])
  })

  it('moves the plaintext files of an earlier version under the key at the first unlock, and makes older files user-only', async () => {
    const dir = tmp()
    const setup = await start(dir)
    await setup.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    await setup.stop()

    // What an earlier version left: plaintext customer metadata, and a preferences file others can read.
    let prev = GENESIS
    const journal: JournalEntry[] = []
    for (let i = 1; i <= 2; i++) {
      const base = { seq: i, at: `2026-10-0${i}T10:00:00.000Z`, user: 'tech@northwind.example', connectionId: 'conn-1', provider: 'cloutility', action: 'update', object: { type: 'businessUnit', id: String(i), name: `Northwind unit ${i}` }, result: 'ok', prev }
      const entry = { ...base, hash: entryHash(base) }
      prev = entry.hash
      journal.push(entry)
    }
    writeFileSync(join(dir, LEGACY_JOURNAL_FILE), journal.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o644 })
    writeFileSync(join(dir, `${LEGACY_JOURNAL_FILE}.head`), JSON.stringify({ seq: 2, hash: prev }), { mode: 0o644 })
    const at = '2026-10-03T10:00:00.000Z'
    const record = { id: 'r-1', requestKey: 'old-key-0001', connectionId: 'conn-2', provider: 'cloudally', taskId: 'T1', taskName: 'Northwind mailboxes', kind: 'download', entities: [], items: [], status: 'completed', progress: 100, createdAt: at, updatedAt: at, downloadUrl: 'https://northwind-files.example/dl?token=x' }
    writeFileSync(join(dir, LEGACY_RESTORES_FILE), JSON.stringify({ version: 1, records: [record] }), { mode: 0o644 })
    const tracked = { platform: 'GitHub', account: 'northwind-traders', subjectName: 'northwind-traders/ledger', subjectType: 'Repository', key: 'github|northwind-traders|repository|northwind-traders/ledger' }
    writeFileSync(join(dir, LEGACY_CLOUDBACK_DEFINITIONS_FILE), JSON.stringify({ version: 1, connections: { 'conn-3': [tracked] } }), { mode: 0o644 })
    const review = { key: 'cloudback:conn-3:def:northwind', state: 'acknowledged', updatedAt: at, note: 'Northwind knows' }
    writeFileSync(join(dir, LEGACY_REVIEW_FILE), JSON.stringify({ version: 1, items: { [review.key]: review } }), { mode: 0o644 })
    chmodSync(join(dir, 'vault-prefs.json'), 0o644)
    chmodSync(dir, 0o755)

    const { ok, call, stop } = await start(dir)
    // At start, before any unlock: every file is already user-only, and nothing was read.
    expectUserOnly(dir)
    expect(existsSync(join(dir, LEGACY_RESTORES_FILE))).toBe(true)
    expect(await call('journal.verify')).toMatchObject({ ok: true, value: { ok: true, entries: 2, note: expect.stringMatching(/^Written before keyed chains/) } })

    await ok('vault.unlock', { passphrase: PASS })
    expect((await ok('journal.list')).entries.map((e: JournalEntry) => e.object.name)).toEqual(['Northwind unit 2', 'Northwind unit 1'])
    expect(await ok('journal.verify')).toMatchObject({ ok: true, entries: 2, note: expect.stringMatching(/Entries 1–2 were written before keyed chains/) })
    expect(await ok('restores.list')).toEqual([expect.objectContaining({ id: 'r-1', taskName: 'Northwind mailboxes' })])
    expect(await ok('cloudback.tracked.list', { connectionId: 'conn-3' })).toEqual([expect.objectContaining({ subjectName: 'northwind-traders/ledger' })])
    expect(await ok('fleet.review.list')).toEqual([expect.objectContaining({ key: review.key, note: 'Northwind knows' })])
    await stop()

    for (const legacy of [LEGACY_JOURNAL_FILE, `${LEGACY_JOURNAL_FILE}.head`, LEGACY_RESTORES_FILE, LEGACY_CLOUDBACK_DEFINITIONS_FILE, LEGACY_REVIEW_FILE]) {
      expect(existsSync(join(dir, legacy)), legacy).toBe(false)
    }
    expect(readable(dir, ['Northwind', 'northwind'])).toEqual([])
    expectUserOnly(dir)
  })
})
