import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SnapshotStore, stableJson } from '../../../src/main/core/offline/snapshot-store'
import type { VaultService } from '../../../src/main/core/vault/vault.service'
import { cleanupDirs, OTHER_PASS, openVault, PASS, tmpDir } from '../vault/helpers'

afterEach(cleanupDirs)

const DAY = 24 * 60 * 60 * 1000

function storeFor(vault: VaultService, dataDir: string, extra: Partial<ConstructorParameters<typeof SnapshotStore>[0]> = {}) {
  return new SnapshotStore({
    dataDir,
    keys: { deriveKey: (p) => vault.deriveKey(p), onLock: (l) => vault.onLock(l) },
    maxAgeMs: () => 7 * DAY,
    writeDelayMs: 1,
    ...extra
  })
}

async function unlockedVault(dir: string, pass = PASS) {
  const opened = await openVault(dir)
  await opened.vault.setup(pass)
  return opened.vault
}

const TREE = { user: { id: 1, username: 'tech' }, root: { id: 2, name: 'NORTHWIND-SECRET-NAME', children: [] } }

describe('VaultService.deriveKey', () => {
  it('is stable per vault and purpose, differs by purpose and by vault, and refuses while locked', async () => {
    const vault = await unlockedVault(tmpDir())
    const a = vault.deriveKey('x')
    expect(a).toHaveLength(32)
    expect(vault.deriveKey('x').equals(a)).toBe(true)
    expect(vault.deriveKey('y').equals(a)).toBe(false)
    const other = await unlockedVault(tmpDir(), OTHER_PASS)
    expect(other.deriveKey('x').equals(a)).toBe(false)
    vault.lock()
    expect(() => vault.deriveKey('x')).toThrow(expect.objectContaining({ code: 'LOCKED' }))
    await vault.unlock({ passphrase: PASS })
    expect(vault.deriveKey('x').equals(a)).toBe(true)
  })
})

describe('SnapshotStore', () => {
  it('round-trips an answer, keyed by connection + channel + stable JSON of the input, encrypted on disk', async () => {
    const dir = tmpDir()
    const vault = await unlockedVault(dir)
    const store = storeFor(vault, dir)
    await store.put('conn-1', 'cloutility.tree', { connectionId: 'conn-1', rootId: 2 }, TREE)
    await store.flush()
    // Same input in another key order: same snapshot. Other input, channel or connection: none.
    expect((await store.get('conn-1', 'cloutility.tree', { rootId: 2, connectionId: 'conn-1' }))?.value).toEqual(TREE)
    expect(await store.get('conn-1', 'cloutility.tree', { connectionId: 'conn-1', rootId: 3 })).toBeNull()
    expect(await store.get('conn-1', 'cloutility.timeZones', { connectionId: 'conn-1', rootId: 2 })).toBeNull()
    expect(await store.get('conn-2', 'cloutility.tree', { connectionId: 'conn-1', rootId: 2 })).toBeNull()

    const files = readdirSync(store.dir)
    expect(files).toHaveLength(1)
    const raw = readFileSync(join(store.dir, files[0] as string), 'utf8')
    expect(raw).not.toContain('NORTHWIND')
    expect(raw).not.toContain('cloutility.tree')
    expect(raw).not.toContain('rootId')

    // A fresh store over the same files (an app restart) reads it back.
    const again = storeFor(vault, dir)
    expect((await again.get('conn-1', 'cloutility.tree', { connectionId: 'conn-1', rootId: 2 }))?.value).toEqual(TREE)
    expect(stableJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}')
  })

  it('is unreadable while the vault is locked, and again readable after unlock', async () => {
    const dir = tmpDir()
    const vault = await unlockedVault(dir)
    const store = storeFor(vault, dir)
    await store.put('c', 'cloudally.tasks.list', { connectionId: 'c' }, [{ id: 't1' }])
    vault.lock()
    await expect(store.get('c', 'cloudally.tasks.list', { connectionId: 'c' })).rejects.toMatchObject({ code: 'LOCKED' })
    await expect(store.entries('c')).rejects.toMatchObject({ code: 'LOCKED' })
    await expect(store.put('c', 'cloudally.tasks.list', { connectionId: 'c' }, [])).rejects.toMatchObject({ code: 'LOCKED' })
    await vault.unlock({ passphrase: PASS })
    expect((await store.get('c', 'cloudally.tasks.list', { connectionId: 'c' }))?.value).toEqual([{ id: 't1' }])
  })

  it('is unreadable with a different vault (another data key)', async () => {
    const dir = tmpDir()
    const vault = await unlockedVault(dir)
    const store = storeFor(vault, dir)
    await store.put('c', 'cloudback.tracked.list', { connectionId: 'c' }, [{ key: 'k' }])
    await store.flush()

    const otherDir = tmpDir()
    const other = await unlockedVault(otherDir, OTHER_PASS)
    cpSync(join(dir, 'snapshots'), join(otherDir, 'snapshots'), { recursive: true })
    const foreign = storeFor(other, otherDir)
    expect(await foreign.connectionIds()).toEqual(['c'])
    expect(await foreign.get('c', 'cloudback.tracked.list', { connectionId: 'c' })).toBeNull()
    expect(await foreign.entries('c')).toEqual([])
  })

  it('refuses an entry whose time or connection was changed on disk', async () => {
    const dir = tmpDir()
    const vault = await unlockedVault(dir)
    const store = storeFor(vault, dir)
    await store.put('c', 'cloudally.users.list', { connectionId: 'c' }, [{ id: 'u1' }])
    await store.flush()
    const file = join(store.dir, readdirSync(store.dir)[0] as string)
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { at: number }> }
    for (const e of Object.values(parsed.entries)) e.at += 1000 // "younger" than it is
    writeFileSync(file, JSON.stringify(parsed))
    expect(await storeFor(vault, dir).get('c', 'cloudally.users.list', { connectionId: 'c' })).toBeNull()
  })

  it('expires snapshots after the configured age (a setting read on every use)', async () => {
    const dir = tmpDir()
    const vault = await unlockedVault(dir)
    let now = Date.parse('2026-11-01T10:00:00Z')
    let maxAgeDays = 7
    const store = storeFor(vault, dir, { now: () => now, maxAgeMs: () => maxAgeDays * DAY })
    await store.put('c', 'cloudally.tasks.list', { connectionId: 'c' }, ['old'])
    now += 6 * DAY
    expect((await store.get('c', 'cloudally.tasks.list', { connectionId: 'c' }))?.at).toBe(now - 6 * DAY)
    maxAgeDays = 5
    expect(await store.get('c', 'cloudally.tasks.list', { connectionId: 'c' })).toBeNull()
    maxAgeDays = 7
    // Expired entries are dropped, not merely hidden.
    expect(await store.get('c', 'cloudally.tasks.list', { connectionId: 'c' })).toBeNull()
    await store.put('c', 'cloudally.users.list', { connectionId: 'c' }, ['new'])
    now += 2 * DAY
    expect(await store.prune()).toBe(0)
    now += 6 * DAY
    expect(await store.prune()).toBe(1)
    expect(await store.summaries()).toEqual([])
  })

  it('clears one connection and keeps the others', async () => {
    const dir = tmpDir()
    const vault = await unlockedVault(dir)
    const store = storeFor(vault, dir)
    await store.put('a', 'cloudally.tasks.list', { connectionId: 'a' }, [1])
    await store.put('a', 'cloudally.users.list', { connectionId: 'a' }, [2])
    await store.put('b', 'cloudally.tasks.list', { connectionId: 'b' }, [3])
    await store.flush()
    expect(readdirSync(store.dir)).toHaveLength(2)
    expect(await store.clear('a')).toBe(2)
    expect(await store.get('a', 'cloudally.tasks.list', { connectionId: 'a' })).toBeNull()
    expect((await store.get('b', 'cloudally.tasks.list', { connectionId: 'b' }))?.value).toEqual([3])
    expect(readdirSync(store.dir)).toHaveLength(1)
    expect((await store.summaries()).map((s) => s.connectionId)).toEqual(['b'])
  })

  it('stays within its budget: the oldest entries go first; oversized answers are not kept', async () => {
    const dir = tmpDir()
    const vault = await unlockedVault(dir)
    let now = 1_000_000
    const store = storeFor(vault, dir, { now: () => now, maxEntriesPerConnection: 3, maxEntryBytes: 2000 })
    for (let i = 0; i < 5; i++) {
      now += 1000
      await store.put('c', 'cloutility.consumptionUnits.list', { connectionId: 'c', businessUnitId: i + 1 }, { i })
    }
    const kept = (await store.entries('c')).map((e) => (e.value as { i: number }).i).sort()
    expect(kept).toEqual([2, 3, 4])
    await store.put('c', 'cloutility.tree', { connectionId: 'c' }, { big: 'x'.repeat(5000) })
    expect(await store.get('c', 'cloutility.tree', { connectionId: 'c' })).toBeNull()
    await store.flush()
    expect(existsSync(store.dir)).toBe(true)
  })
})
