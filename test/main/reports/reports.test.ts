import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FileSink, PlatformServices } from '../../../src/main/core/platform/platform'
import type { KeptScan } from '../../../src/main/core/schedule/scan-history'
import type { FleetScanResult } from '../../../src/shared/model/fleet'
import { monthPeriod, percentText, type CustomerReport, type ReportBatchProgress } from '../../../src/shared/model/reports'
import type { Simulator } from '../../../src/simulator'
import { startSimulator } from '../../simulator/helpers'
import { jobsBetween } from '../../../src/simulator/cloutility/jobs'
import { cleanupDirs, makeCore, PASS, tmpDir } from '../vault/helpers'
import { readPdf } from './pdf-text'

// Reports through the real core over real HTTP to the simulator. The figures in the PDF and CSV
// are checked against what the simulator serves, computed here from its own job model, not from
// Backdesk's code.

const DAY = 86_400_000
let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ scale: 'small', seed: 8 })
  // In the customer's subtree: one unit that starts missing its schedule and one that starts
  // failing during the reported month, whatever the seed drew.
  const d = sim.cloutility.data
  const first = Math.floor(Date.parse(`${monthPeriod(undefined, Date.now()).from}T00:00:00.000Z`) / DAY)
  const root = d.subUnitBusinessUnitId
  const under = (buId: number): boolean => buId === root || (d.businessUnits.get(buId)?.parentId != null && under(d.businessUnits.get(buId)?.parentId as number))
  const healthy = [...d.consumers.values()].filter((c) => c.profile === 'healthy' && c.node?.activatedMs && under(c.buId))
  const [missing, failing] = healthy
  if (!missing || !failing) throw new Error('the seed has too few healthy units in the customer subtree')
  missing.profile = 'missed'
  missing.troubleSinceDay = first + 10
  failing.profile = 'failing'
  failing.troubleSinceDay = first + 20
  d.revision++
})
afterAll(() => sim.stop())
afterEach(cleanupDirs)

/** A platform that writes files into a temp folder (as the Electron folder picker would). */
function folderPlatform(): { platform: Partial<PlatformServices>; dirs: string[] } {
  const dirs: string[] = []
  return {
    dirs,
    platform: {
      saveFiles: async (request): Promise<FileSink> => {
        const dir = join(mkdtempSync(join(tmpdir(), 'backdesk-reports-')), request.suggestedName)
        await mkdir(dir)
        dirs.push(dir)
        const files: string[] = []
        return {
          add: async (f) => {
            await writeFile(join(dir, f.name), f.data, { flag: 'wx' })
            files.push(f.name)
          },
          close: async () => ({ path: dir, files }),
          abort: async () => rm(dir, { recursive: true, force: true })
        }
      }
    }
  }
}

async function setup() {
  const out = folderPlatform()
  const t = await makeCore(tmpDir('backdesk-report-'), out.platform)
  await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  const sub = sim.cloutility.credentials.subUnit
  const clu = await t.ok('connections.create', { provider: 'cloutility', name: 'Customer portal', customer: 'Contoso AB', baseUrl: sim.cloutility.url, clientId: sub.clientId, origin: sub.origin, username: sub.username, password: sub.password })
  const a = sim.cloudally.credentials
  await t.ok('connections.create', { provider: 'cloudally', name: 'CloudAlly portal', customer: 'Contoso AB', baseUrl: sim.cloudally.url, mode: 'user', clientId: a.clientId, clientSecret: a.clientSecret, email: a.portalEmail, password: a.portalPassword })
  return { t, out, cluId: clu.id as string }
}

/** A real scan, kept again as if it had finished on `days` of the period (history for the CloudAlly rates). */
async function keepScansOn(t: Awaited<ReturnType<typeof makeCore>>, days: number[], period: { from: string }, failTaskOnDay?: number) {
  await t.ok('fleet.scan.start', {})
  let scan: FleetScanResult
  for (;;) {
    scan = (await t.ok('fleet.scan.status')) as FleetScanResult
    if (scan.state !== 'running') break
    await new Promise((r) => setTimeout(r, 20))
  }
  await t.core.watch.settle()
  const start = Date.parse(`${period.from}T00:00:00.000Z`)
  for (const d of days) {
    const at = start + d * DAY + 12 * 3_600_000
    const { rows, ...summary } = scan
    const kept: KeptScan = {
      summary: { ...summary, scanId: `history-${d}`, startedAt: new Date(at - 1000).toISOString(), finishedAt: new Date(at).toISOString() },
      scheduled: true,
      rows: rows.map((r) => (d === failTaskOnDay && r.provider === 'cloudally' ? { ...r, status: 'failed' as const } : r.provider === 'cloudally' ? { ...r, status: 'ok' as const } : r))
    }
    await t.core.watch.history.put(kept)
  }
  return scan
}

/** What the simulator says about the customer's consumption units over the period. */
function expectedCloutility(fromMs: number, toMs: number) {
  const d = sim.cloutility.data
  const root = d.subUnitBusinessUnitId
  const inSubtree = (buId: number): boolean => buId === root || (d.businessUnits.get(buId)?.parentId !== null && d.businessUnits.get(buId)?.parentId !== undefined && inSubtree(d.businessUnits.get(buId)?.parentId as number))
  const now = Date.now()
  const units = [...d.consumers.values()].filter((c) => inSubtree(c.buId))
  const perUnit = new Map<string, { s: number; a: number }>()
  let restores = 0
  for (const c of units) {
    const tally = { s: 0, a: 0 }
    for (const job of jobsBetween(d, c, fromMs, toMs - 1, now)) {
      const t = job.completedMs ?? job.actualStartMs ?? job.scheduledStartMs
      if (t < fromMs || t >= toMs) continue
      if (job.type === 'Restore') {
        restores++
        continue
      }
      if (job.status === 'Completed') tally.s++
      if (job.status === 'Completed' || job.status === 'Failed' || job.status === 'FailedNoRestart' || job.status === 'Severed' || job.status === 'Missed') tally.a++
    }
    perUnit.set(c.name, tally)
  }
  return { units, perUnit, restores }
}

describe('customer report', () => {
  it('shows every object with the success rate the simulator served, as PDF and CSV', async () => {
    const { t, out } = await setup()
    const period = monthPeriod(undefined, Date.now())
    await t.ok('fleet.review.set', { key: 'placeholder', state: 'open', note: 'x' }) // reviews file exists
    const scan = await keepScansOn(t, [2, 3, 4], period, 3)
    const report = (await t.ok('reports.preview', { customer: 'Contoso AB' })) as CustomerReport
    expect(report.period).toEqual(period)

    const fromMs = Date.parse(`${period.from}T00:00:00.000Z`)
    const toMs = Date.parse(`${period.to}T00:00:00.000Z`) + DAY
    const expected = expectedCloutility(fromMs, toMs)
    const cus = report.objects.filter((o) => o.provider === 'cloutility')
    expect(cus.map((o) => o.object).sort()).toEqual(expected.units.map((c) => c.name).sort())
    let s = 0
    let a = 0
    for (const o of cus) {
      const want = expected.perUnit.get(o.object) as { s: number; a: number }
      expect({ object: o.object, s: o.successes, a: o.attempts }).toEqual({ object: o.object, s: want.s, a: want.a })
      if (o.attempts) expect(o.rateSource).toBe('jobs')
      s += want.s
      a += want.a
    }
    // Enough to mean something: several units, a month of daily backups, some of them failing.
    expect(cus.length).toBeGreaterThan(2)
    expect(a).toBeGreaterThan(cus.length * 10)
    expect(s).toBeLessThan(a)
    expect(report.restores.filter((r) => r.provider === 'cloutility')).toHaveLength(expected.restores)
    // CloudAlly has no history of its own: three kept days, one of them failed.
    const tasks = report.objects.filter((o) => o.provider === 'cloudally')
    expect(tasks.length).toBe(scan.rows.filter((r) => r.provider === 'cloudally').length)
    for (const o of tasks) expect({ s: o.successes, a: o.attempts, from: o.rateSource }).toEqual({ s: 2, a: 3, from: 'scans' })
    expect(report.totals).toMatchObject({ successes: s + 2 * tasks.length, attempts: a + 3 * tasks.length })
    // The daily series adds up to the same.
    expect(report.days).toHaveLength(Math.round((toMs - fromMs) / DAY))
    expect(report.days.reduce((n, d) => n + d.attempts, 0)).toBe(report.totals.attempts)

    // The PDF, read back.
    await t.ok('reports.branding.set', { companyName: 'Northwind Managed Services' })
    const saved = await t.ok('reports.save', { customer: 'Contoso AB', format: 'pdf' })
    expect(saved.files).toEqual([`Backup report - Contoso AB - ${period.from.slice(0, 7)}.pdf`])
    const pdfBytes = readFileSync(join(out.dirs[0] as string, saved.files[0]))
    const pdf = await readPdf(pdfBytes)
    const text = pdf.lines.join('\n')
    expect(pdf.info.Title).toBe(`Backup report: Contoso AB — ${period.label}`)
    expect(text).toContain('Northwind Managed Services')
    expect(text).toContain('Contoso AB')
    expect(text).toContain(`${period.label} (${period.from} to ${period.to}, UTC)`)
    const total = report.totals
    expect(pdf.lines).toContain(`Success rate over the period | ${percentText(total.successes, total.attempts)} (${total.successes} of ${total.attempts})`)
    expect(pdf.lines).toContain(`Protected objects | ${total.objects} (${total.ok} backed up, ${total.attention} need attention)`)
    expect(pdf.lines).toContain(`Restores in the period | ${report.restores.length}`)
    for (const o of cus) {
      const line = pdf.lines.find((l) => l.startsWith(`${o.object}`) && l.includes('| Cloutility |'))
      expect(line, o.object).toBeDefined()
      const want = expected.perUnit.get(o.object) as { s: number; a: number }
      expect(line?.split(' | ')[4]).toBe(want.a ? percentText(want.s, want.a) : '—')
    }
    expect(text).toContain(`Open issues (${report.issues.length})`)
    expect(pdf.lines.at(-1)).toMatch(/page \d+ of \d+$/)

    // The CSV: the same rows and figures.
    const csvSaved = await t.ok('reports.save', { customer: 'Contoso AB', format: 'csv' })
    const csv = readFileSync(join(out.dirs[1] as string, csvSaved.files[0]), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n')
    expect(csv[0]).toBe('Customer,Period,Provider,Connection,Object,Where,Status,Detail,Last good backup,Successful,Attempts,Success rate %,Rate from,Storage bytes,Seats')
    expect(csv).toHaveLength(report.objects.length + 1)
    for (const o of cus) {
      const line = csv.find((l) => l.includes(`,Customer portal,${o.object},`)) as string
      const want = expected.perUnit.get(o.object) as { s: number; a: number }
      expect(line).toContain(`,${want.s},${want.a},${want.a ? Math.round((want.s / want.a) * 1000) / 10 : ''},`)
    }
    await t.core.dispose()
  })

  it('counts every object without a good backup in the period as an open issue, in the PDF as on screen', async () => {
    const { t, out } = await setup()
    // A unit that was never activated: it has never backed up, whatever the seed drew.
    const d = sim.cloutility.data
    const unit = [...d.consumers.values()].find((c) => c.buId === d.subUnitBusinessUnitId && c.node) as (typeof d.consumers extends Map<number, infer C> ? C : never)
    const node = unit.node
    unit.node = null
    d.revision++
    try {
      const report = (await t.ok('reports.preview', { customer: 'Contoso AB' })) as CustomerReport
      const never = report.objects.find((o) => o.object === unit.name)
      expect(never).toMatchObject({ status: 'pending', statusText: 'Not started', successes: 0 })
      const unprotected = report.objects.filter((o) => o.status !== 'disabled' && !o.successes && !(o.lastSuccess && o.lastSuccess >= report.period.from))
      expect(unprotected.length).toBeGreaterThan(0)
      for (const o of unprotected) expect(report.issues.map((i) => i.key), o.object).toContain(o.key)
      expect(report.issues.find((i) => i.object === unit.name)?.detail).toMatch(/^No good backup in the period/)
      expect(report.totals.attention).toBe(report.issues.length)

      const saved = await t.ok('reports.save', { customer: 'Contoso AB', format: 'pdf' })
      const pdf = await readPdf(readFileSync(join(out.dirs[0] as string, saved.files[0])))
      expect(pdf.lines).toContain(`Open issues (${report.issues.length})`)
      expect(pdf.lines).toContain(`${unit.name} (Cloutility): Not started`)
      expect(pdf.lines.join('\n')).not.toContain('None: every object')
    } finally {
      unit.node = node
      d.revision++
      await t.core.dispose()
    }
  })

  it('counts an object backed up now but not in the period as needing attention, not also as backed up', async () => {
    const { t, out } = await setup()
    // Tasks backed up just now, after the reported (last) month; CloudAlly keeps no history of its
    // own and no scan was kept, so nothing says they backed up in that month.
    const tasks = sim.cloudally.data.tasks.filter((x) => x.status === 'ACTIVE' && x.outcome === 'SUCCESS')
    const before = tasks.map((x) => ({ x, lastBackupMs: x.lastBackupMs, lastAttemptMs: x.lastAttemptMs }))
    for (const x of tasks) x.lastBackupMs = x.lastAttemptMs = Date.now()
    try {
      const report = (await t.ok('reports.preview', { customer: 'Contoso AB' })) as CustomerReport
      const open = new Set(report.issues.map((i) => i.key))
      const backedUpNow = (o: CustomerReport['objects'][number]) => o.status === 'ok' || o.status === 'warning'
      expect(report.objects.filter((o) => o.provider === 'cloudally' && backedUpNow(o) && open.has(o.key)).length).toBeGreaterThan(0)
      expect(report.totals.ok).toBe(report.objects.filter((o) => backedUpNow(o) && !open.has(o.key)).length)
      expect(report.totals.ok + report.totals.attention).toBeLessThanOrEqual(report.totals.objects)

      const saved = await t.ok('reports.save', { customer: 'Contoso AB', format: 'pdf' })
      const pdf = await readPdf(readFileSync(join(out.dirs[0] as string, saved.files[0])))
      expect(pdf.lines).toContain(`Protected objects | ${report.totals.objects} (${report.totals.ok} backed up, ${report.totals.attention} need attention)`)
    } finally {
      for (const { x, lastBackupMs, lastAttemptMs } of before) Object.assign(x, { lastBackupMs, lastAttemptMs })
      await t.core.dispose()
    }
  })

  it('refuses a month to come under the month field, and says when a month gone by has no data', async () => {
    const { t } = await setup()
    const next = new Date()
    next.setUTCDate(1)
    next.setUTCMonth(next.getUTCMonth() + 1)
    const future = await t.call('reports.preview', { customer: 'Contoso AB', month: next.toISOString().slice(0, 7) })
    expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'month', message: expect.stringMatching(/has not begun/) }] } } })
    expect(await t.call('reports.save', { customer: 'Contoso AB', month: '2099-01', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await t.call('reports.preview', { customer: 'Contoso AB', from: '2099-01-01', to: '2099-01-31' })).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'from' }] } } })
    // Long before any unit was made: no kept scan, no job. Today's objects are not that month's.
    const old = await t.call('reports.preview', { customer: 'Contoso AB', month: '2019-01' })
    expect(old).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/^There is no data for January 2019/) } })
    // This month is fine, with or without a scan yet.
    expect(await t.call('reports.preview', { customer: 'Contoso AB', month: new Date().toISOString().slice(0, 7) })).toMatchObject({ ok: true })
    await t.core.dispose()
  })

  it('reads a status report cut off mid-transfer again, counting each unit once', async () => {
    const { t } = await setup()
    const period = monthPeriod(undefined, Date.now())
    await keepScansOn(t, [2], period, 1)
    // Half the report arrives (its first units already counted), then the connection drops.
    sim.faults.add({ provider: 'cloutility', path: '/v1/bunits/*/reports/latest', kind: 'truncated', times: 1 })
    try {
      const report = (await t.ok('reports.preview', { customer: 'Contoso AB' })) as CustomerReport
      expect(sim.faults.list()).toHaveLength(0)
      const fromMs = Date.parse(`${period.from}T00:00:00.000Z`)
      const toMs = Date.parse(`${period.to}T00:00:00.000Z`) + DAY
      const cus = report.objects.filter((o) => o.provider === 'cloutility')
      expect(cus.map((o) => o.object).sort()).toEqual(expectedCloutility(fromMs, toMs).units.map((c) => c.name).sort())
    } finally {
      sim.faults.clear()
      await t.core.dispose()
    }
  })

  it('uses the newest kept scan that read a provider it cannot read, and says so', async () => {
    const { t, cluId } = await setup()
    const full = await keepScansOn(t, [1], monthPeriod(undefined, Date.now()))
    // The latest kept scan is of the Cloutility connection alone: it says nothing of CloudAlly.
    await t.ok('fleet.scan.start', { scope: { connectionIds: [cluId] } })
    while (((await t.ok('fleet.scan.status')) as FleetScanResult).state === 'running') await new Promise((r) => setTimeout(r, 20))
    await t.core.watch.settle()
    expect((await t.core.watch.latestScan())?.summary.scope).toEqual({ connectionIds: [cluId] })
    sim.faults.add({ provider: 'cloudally', kind: '503' })
    try {
      const report = (await t.ok('reports.preview', { customer: 'Contoso AB' })) as CustomerReport
      expect(report.objects.filter((o) => o.provider === 'cloudally').length).toBe(full.rows.filter((r) => r.provider === 'cloudally' && r.kind !== 'connection').length)
      expect(report.notes).toHaveLength(1)
      expect(report.notes[0]).toMatch(/^CloudAlly portal: /)
      expect(report.notes[0]).toContain(`Objects and statuses are from the scan of ${full.finishedAt?.slice(0, 16).replace('T', ' ')} UTC.`)
    } finally {
      sim.faults.clear()
    }
    expect(await t.call('reports.preview', { customer: 'Nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await t.call('reports.preview', { customer: 'Contoso AB', month: '2026-13' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await t.call('reports.branding.set', { logoBase64: Buffer.from('GIF89a not a png').toString('base64') })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    await t.core.dispose()
  })

  it('looks back through the kept scans once for all the providers it cannot read, decoding each kept scan at most once', async () => {
    const { t } = await setup()
    const head = sim.cloutility.credentials
    await t.ok('connections.create', { provider: 'cloutility', name: 'Head office portal', customer: 'Contoso AB', baseUrl: sim.cloutility.url, clientId: head.clientId, origin: head.origin, username: head.username, password: head.password })
    const full = await keepScansOn(t, [1, 2], monthPeriod(undefined, Date.now()))
    sim.faults.add({ provider: 'cloutility', kind: '503' })
    sim.faults.add({ provider: 'cloudally', kind: '503' })
    try {
      // The latest kept scan could read none of the three: each stands in with the scan before it.
      await t.ok('fleet.scan.start', {})
      while (((await t.ok('fleet.scan.status')) as FleetScanResult).state === 'running') await new Promise((r) => setTimeout(r, 20))
      await t.core.watch.settle()
      const failed = (await t.core.watch.latestScan()) as KeptScan
      expect(new Set(failed.rows.map((r) => r.kind))).toEqual(new Set(['connection']))

      const reads = new Map<string, number>()
      const history = t.core.watch.history
      const get = history.get.bind(history)
      history.get = (scanId) => {
        reads.set(scanId, (reads.get(scanId) ?? 0) + 1)
        return get(scanId)
      }
      const report = (await t.ok('reports.preview', { customer: 'Contoso AB' })) as CustomerReport
      const at = `${full.finishedAt?.slice(0, 16).replace('T', ' ')} UTC`
      expect(report.notes).toHaveLength(3)
      for (const note of report.notes) expect(note).toContain(`Objects and statuses are from the scan of ${at}.`)
      expect(report.objects.length).toBe(full.rows.filter((r) => r.kind !== 'connection').length)
      expect(reads.get(full.scanId)).toBe(1)
      expect([...reads.values()].every((n) => n <= 1)).toBe(true)
    } finally {
      sim.faults.clear()
      await t.core.dispose()
    }
  })

  it('refuses a logo over 1 MiB on its field, naming the limit and the file’s size, and takes one of 1 MiB', async () => {
    const t = await makeCore(tmpDir('backdesk-report-'), folderPlatform().platform)
    await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    const png = (bytes: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(bytes - 8)]).toString('base64')
    const refusal = (size: string) => {
      const message = `The logo must be at most 1 MiB; this file is ${size}. Choose a smaller PNG or JPEG.`
      return { ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'logoBase64', message }] } } }
    }
    // Just over the limit: main decodes it and refuses it.
    expect(await t.call('reports.branding.set', { logoBase64: png(Math.round(1.05 * 1024 * 1024)) })).toMatchObject(refusal('1.05 MiB'))
    // Larger than the contract takes at the door: the same words.
    expect(await t.call('reports.branding.set', { logoBase64: png(Math.round(1.3 * 1024 * 1024)) })).toMatchObject(refusal('1.3 MiB'))
    expect(await t.call('reports.branding.set', { logoBase64: Buffer.from('GIF89a not a png').toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'logoBase64', message: 'The logo must be a PNG or JPEG image; this file is neither.' }] } }
    })
    expect(await t.ok('reports.branding.get')).toMatchObject({ hasLogo: false })
    expect(await t.ok('reports.branding.set', { logoBase64: png(1024 * 1024) })).toMatchObject({ hasLogo: true })
    await t.core.dispose()
  })

  it('hands over no empty folder when no customer of the batch has a report for the month', async () => {
    const { t, out } = await setup()
    const ended = new Promise<ReportBatchProgress>((resolve) =>
      t.core.events.subscribe((topic, payload) => {
        if (topic === 'reports.progress' && (payload as ReportBatchProgress).state !== 'running') resolve(payload as ReportBatchProgress)
      })
    )
    // Long before any unit was made: no kept scan, no job.
    await t.ok('reports.batch.start', { month: '2019-01' })
    const end = await ended
    expect(end).toMatchObject({
      state: 'failed',
      done: 1,
      total: 1,
      message: 'No report could be made for January 2019, so nothing was saved.',
      failures: [{ customer: 'Contoso AB', message: expect.stringMatching(/^There is no data for January 2019/) }]
    })
    expect(end.saved).toBeUndefined()
    expect(readdirSync(join(out.dirs[0] as string, '..'))).toEqual([])
    await t.core.dispose()
  })

  it('makes every customer report of a month into one folder, with progress and a cancel', async () => {
    const { t, out } = await setup()
    const sub = sim.cloutility.credentials.subUnit
    await t.ok('connections.create', { provider: 'cloutility', name: 'Second portal', customer: 'Fabrikam', baseUrl: sim.cloutility.url, clientId: sub.clientId, origin: sub.origin, username: sub.username, password: sub.password })
    const progress: ReportBatchProgress[] = []
    const ended = new Promise<ReportBatchProgress>((resolve) =>
      t.core.events.subscribe((topic, payload) => {
        if (topic !== 'reports.progress') return
        progress.push(payload as ReportBatchProgress)
        if ((payload as ReportBatchProgress).state !== 'running') resolve(payload as ReportBatchProgress)
      })
    )
    const started = await t.ok('reports.batch.start', {})
    expect(started).toMatchObject({ state: 'running', total: 2, done: 0 })
    expect(await t.call('reports.batch.start', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const done = await ended
    expect(done).toMatchObject({ state: 'done', done: 2, total: 2, failures: [] })
    const month = monthPeriod(undefined, Date.now()).from.slice(0, 7)
    expect(readdirSync(done.saved?.path as string).sort()).toEqual(
      [`Backup report - Contoso AB - ${month}.csv`, `Backup report - Contoso AB - ${month}.pdf`, `Backup report - Fabrikam - ${month}.csv`, `Backup report - Fabrikam - ${month}.pdf`].sort()
    )
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((x, y) => x - y))
    const fabrikam = await readPdf(readFileSync(join(done.saved?.path as string, `Backup report - Fabrikam - ${month}.pdf`)))
    expect(fabrikam.lines.join('\n')).toContain('Fabrikam')

    // Cancelled at the first progress: nothing is kept.
    sim.setLatency('cloutility', { ms: 150 })
    try {
      const cancelled = new Promise<ReportBatchProgress>((resolve) =>
        t.core.events.subscribe((topic, payload) => {
          const p = payload as ReportBatchProgress
          if (topic === 'reports.progress' && p.batchId !== done.batchId && p.state !== 'running') resolve(p)
        })
      )
      const second = await t.ok('reports.batch.start', {})
      expect(await t.ok('reports.batch.cancel', { batchId: second.batchId })).toEqual({ cancelled: true })
      const end = await cancelled
      expect(end.state).toBe('cancelled')
      expect(readdirSync(join(out.dirs[1] as string, '..'))).toEqual([])
    } finally {
      sim.setLatency('all', null)
    }
    await t.core.dispose()
  })
})
