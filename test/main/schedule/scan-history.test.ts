import { readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ScanHistory, type KeptScan } from '../../../src/main/core/schedule/scan-history'
import type { FleetRow } from '../../../src/shared/model/fleet'
import { cleanupDirs, openVault, PASS, tmpDir } from '../vault/helpers'

afterEach(cleanupDirs)

const DAY = 86_400_000
const T0 = Date.parse('2026-03-31T12:00:00.000Z')

function row(i: number, status: FleetRow['status'] = 'ok'): FleetRow {
  return {
    key: `cloutility:c1:cu:${i}`,
    connectionId: 'c1',
    connectionName: 'Portal',
    provider: 'cloutility',
    customer: 'Contoso',
    kind: 'consumption-unit',
    object: `SRV-CANARY-${i}`,
    status,
    detail: 'Backed up',
    ids: { consumerId: i }
  }
}

function scan(id: string, finishedAt: number, rows: FleetRow[] = [row(1), row(2, 'failed')]): KeptScan {
  return {
    summary: { scanId: id, state: 'done', scope: {}, startedAt: new Date(finishedAt - 1000).toISOString(), finishedAt: new Date(finishedAt).toISOString(), done: 1, total: 1, rowCount: rows.length, notes: [] },
    scheduled: true,
    rows
  }
}

async function unlocked(dir: string) {
  const v = await openVault(dir)
  await v.vault.setup(PASS)
  return v
}

describe('kept scans', () => {
  it('are sealed under a key from the vault: nothing readable on disk, nothing while locked', async () => {
    const dir = tmpDir()
    const { vault } = await unlocked(dir)
    let now = T0
    const history = new ScanHistory({ dataDir: dir, keys: vault, now: () => now })
    await history.put(scan('s-1', T0))
    const files = await readdir(join(dir, 'scan-history'))
    expect(files).toHaveLength(1)
    const bytes = await readFile(join(dir, 'scan-history', files[0] as string))
    expect(bytes.includes(Buffer.from('SRV-CANARY'))).toBe(false)
    expect(bytes.includes(Buffer.from('Contoso'))).toBe(false)
    // A fresh reader (no cache) with the same vault reads it back.
    const again = new ScanHistory({ dataDir: dir, keys: vault, now: () => now })
    expect((await again.get('s-1'))?.rows.map((r) => r.object)).toEqual(['SRV-CANARY-1', 'SRV-CANARY-2'])
    vault.lock('user')
    await expect(again.get('s-1')).rejects.toMatchObject({ code: 'LOCKED' })
    await expect(history.put(scan('s-2', T0 + 1))).rejects.toMatchObject({ code: 'LOCKED' })
    now += 1
    await history.dispose()
    await again.dispose()
  })

  it('another vault cannot read them, and a file moved to another slot is refused', async () => {
    const dir = tmpDir()
    const { vault } = await unlocked(dir)
    const history = new ScanHistory({ dataDir: dir, keys: vault, now: () => T0 })
    await history.put(scan('s-1', T0 - 2000))
    await history.put(scan('s-2', T0 - 1000))
    const otherDir = tmpDir()
    const other = await unlocked(otherDir)
    const foreign = new ScanHistory({ dataDir: dir, keys: other.vault, now: () => T0 })
    expect(await foreign.get('s-1')).toBeNull()
    // Renaming s-1 into a newer slot (to make old data look current) breaks its seal.
    const names = (await readdir(join(dir, 'scan-history'))).sort()
    await rename(join(dir, 'scan-history', names[0] as string), join(dir, 'scan-history', `${T0 - 500}-s-1.scan`))
    const fresh = new ScanHistory({ dataDir: dir, keys: vault, now: () => T0 })
    expect(await fresh.get('s-1')).toBeNull()
    // A flipped byte is refused too.
    const path = join(dir, 'scan-history', names[1] as string)
    const raw = await readFile(path)
    raw[raw.length - 3] = (raw[raw.length - 3] as number) ^ 1
    await writeFile(path, raw)
    expect(await fresh.get('s-2')).toBeNull()
    expect(await fresh.latest()).toBeNull()
  })

  it('keeps every scan of the last two days, then the last of each day, for 90 days', async () => {
    const dir = tmpDir()
    const { vault } = await unlocked(dir)
    let now = T0 - 100 * DAY
    const history = new ScanHistory({ dataDir: dir, keys: vault, now: () => now })
    // Four scans a day for 100 days.
    for (let d = 100; d >= 0; d--) {
      for (const h of [1, 7, 13, 19]) {
        const at = T0 - d * DAY - 12 * 3_600_000 + h * 3_600_000
        now = at
        await history.put(scan(`d${d}-h${h}`, at, [row(1)]))
      }
    }
    const kept = await history.list()
    const ids = kept.map((k) => k.scanId)
    // Nothing older than 90 days.
    expect(Math.min(...kept.map((k) => k.finishedAt))).toBeGreaterThanOrEqual(now - 90 * DAY)
    // The last two days: every scan; before that, one per day (the day's last one).
    const recent = kept.filter((k) => now - k.finishedAt <= 2 * DAY)
    expect(recent.length).toBeGreaterThanOrEqual(8)
    const older = kept.filter((k) => now - k.finishedAt > 2 * DAY)
    const days = older.map((k) => Math.floor(k.finishedAt / DAY))
    expect(new Set(days).size).toBe(days.length)
    expect(ids).toContain('d10-h19')
    expect(ids).not.toContain('d10-h13')
    expect(kept.length).toBeLessThan(100)
    // In order, and readable by range.
    const seen: string[] = []
    await history.each(T0 - 5 * DAY, T0 + DAY, (s) => seen.push(s.summary.scanId))
    // Day 5 is older than two days: only its last scan is left.
    expect(seen[0]).toBe('d5-h19')
    expect(seen.at(-1)).toBe('d0-h19')
    expect((await history.latest(T0 - 3 * DAY + 8 * 3_600_000))?.summary.scanId).toBe('d3-h19')
    expect((await history.latest(T0 - 3 * DAY))?.summary.scanId).toBe('d4-h19')
    expect((await history.previous('d0-h19'))?.summary.scanId).toBe('d0-h13')
  })
})
