// Customer reports: one customer's report on screen or as a PDF / CSV file, and a batch that
// makes every customer's report for a month into one folder (Electron) or one zip (web shell),
// with progress events and a cancel. Files leave through the platform's saveFiles port.

import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError, fieldError } from '../../../shared/errors'
import { logoSizeProblem, monthPeriod, type CustomerReport, type ReportBatchProgress, type ReportBranding, type ReportPeriod, type SavedFiles } from '../../../shared/model/reports'
import type { HandlerMap } from '../ipc/router'
import { silentLogger, type Logger } from '../log/logger'
import type { PlatformServices } from '../platform/platform'
import { JsonFile } from '../storage/json-file'
import { writeFileAtomic } from '../storage/write-file-atomic'
import { buildCustomerReport, collectDaily, type ReportDataDeps } from './report-data'
import { reportCsv, reportFileName, reportPdf, type ProviderLabel } from './report-files'


export interface PeriodInput {
  month?: string
  from?: string
  to?: string
}

export interface ReportsServiceOptions {
  dataDir: string
  data: Omit<ReportDataDeps, 'companyName'>
  platform?: Pick<PlatformServices, 'saveFiles'>
  emit?: (progress: ReportBatchProgress) => void
  /** A provider's name as the files show it (its module's label). */
  providerLabel: ProviderLabel
  logger?: Logger
  now?: () => number
}

interface Batch {
  progress: ReportBatchProgress
  controller: AbortController
  finished: Promise<void>
}

/** PNG or JPEG, by their first bytes; anything else is refused. */
function imageType(bytes: Buffer): 'png' | 'jpeg' | undefined {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  return undefined
}

export class ReportsService {
  private readonly brandingFile: JsonFile<{ version: 1; companyName: string }>
  private branding: { companyName: string } | undefined
  private readonly logoPath: string
  private batch: Batch | undefined
  private readonly logger: Logger
  private readonly now: () => number

  constructor(private readonly options: ReportsServiceOptions) {
    this.brandingFile = new JsonFile(join(options.dataDir, 'report-branding.json'), options.logger)
    this.logoPath = join(options.dataDir, 'report-logo.img')
    this.logger = (options.logger ?? silentLogger).child('reports')
    this.now = options.now ?? Date.now
  }

  // --- branding -----------------------------------------------------------------------------

  private async brand(): Promise<{ companyName: string }> {
    this.branding ??= await this.brandingFile.read(
      () => ({ version: 1, companyName: '' }),
      (v) => {
        const name = (v as { companyName?: unknown } | null)?.companyName
        return typeof name === 'string' && name.length <= 200 ? { version: 1, companyName: name } : undefined
      }
    )
    return this.branding
  }

  private async logo(): Promise<Buffer | undefined> {
    try {
      const bytes = await readFile(this.logoPath)
      return imageType(bytes) ? bytes : undefined
    } catch {
      return undefined
    }
  }

  async getBranding(): Promise<ReportBranding> {
    return { companyName: (await this.brand()).companyName, hasLogo: (await this.logo()) !== undefined }
  }

  async setBranding(input: { companyName?: string; logoBase64?: string | null }): Promise<ReportBranding> {
    if (input.logoBase64 !== undefined && input.logoBase64 !== null) {
      const bytes = Buffer.from(input.logoBase64, 'base64')
      const tooLarge = logoSizeProblem(bytes.length)
      if (tooLarge) throw fieldError('logoBase64', tooLarge)
      if (!imageType(bytes)) throw fieldError('logoBase64', 'The logo must be a PNG or JPEG image; this file is neither.')
      await writeFileAtomic(this.logoPath, bytes)
    } else if (input.logoBase64 === null) {
      await rm(this.logoPath, { force: true })
    }
    if (input.companyName !== undefined) {
      this.branding = { companyName: input.companyName.trim() }
      await this.brandingFile.write({ version: 1, companyName: this.branding.companyName })
    }
    return this.getBranding()
  }

  // --- one customer ---------------------------------------------------------------------------

  period(input: PeriodInput): ReportPeriod {
    const today = new Date(this.now()).toISOString().slice(0, 10)
    if (input.from || input.to) {
      if (!input.from || !input.to) throw new AppError('VALIDATION', 'A custom period needs both a first and a last day.')
      if (input.from > input.to) throw new AppError('VALIDATION', 'The period ends before it starts.')
      if (input.from > today) throw fieldError('from', 'This day has not come yet. Choose today or an earlier day.')
      return { from: input.from, to: input.to, label: `${input.from} – ${input.to}` }
    }
    let period: ReportPeriod
    try {
      period = monthPeriod(input.month, this.now())
    } catch (err) {
      throw fieldError('month', err instanceof Error ? err.message : 'Not a month.')
    }
    // Nothing has happened in a month to come: its report would be today's figures under its name.
    if (period.from > today) throw fieldError('month', 'This month has not begun yet. Choose this month or an earlier one.')
    return period
  }

  private async deps(): Promise<ReportDataDeps> {
    const { companyName } = await this.brand()
    return { ...this.options.data, companyName: () => companyName }
  }

  async build(customer: string, input: PeriodInput, signal?: AbortSignal): Promise<CustomerReport> {
    return buildCustomerReport(await this.deps(), customer, this.period(input), signal ? { signal } : {})
  }

  async files(report: CustomerReport): Promise<{ pdf: Buffer; csv: Buffer }> {
    const logo = await this.logo()
    return { pdf: await reportPdf(report, { label: this.options.providerLabel, ...(logo ? { logo } : {}) }), csv: Buffer.from(`\ufeff${reportCsv(report, this.options.providerLabel)}`, 'utf8') }
  }

  /** One customer's report as a PDF or a CSV through the platform; null when the user cancelled. */
  async save(customer: string, input: PeriodInput, format: 'pdf' | 'csv'): Promise<SavedFiles | null> {
    const saveFiles = this.options.platform?.saveFiles
    if (!saveFiles) throw new AppError('NOT_SUPPORTED', 'This shell cannot save files.')
    const report = await this.build(customer, input)
    const { pdf, csv } = await this.files(report)
    const name = reportFileName(report, format)
    const sink = await saveFiles({ title: 'Save the backup report', suggestedName: name, multiple: false })
    if (!sink) return null
    await sink.add(format === 'pdf' ? { name, data: pdf, type: 'application/pdf' } : { name, data: csv, type: 'text/csv; charset=utf-8' })
    return sink.close()
  }

  // --- batch --------------------------------------------------------------------------------

  /** Every customer's report (PDF + CSV) for a month, into one folder / zip. */
  async startBatch(input: { month?: string; customers?: string[] }): Promise<ReportBatchProgress> {
    if (this.batch?.progress.state === 'running') throw new AppError('CONFLICT', 'A batch of reports is being made already. Cancel it or wait for it.')
    const saveFiles = this.options.platform?.saveFiles
    if (!saveFiles) throw new AppError('NOT_SUPPORTED', 'This shell cannot save files.')
    const period = this.period(input.month ? { month: input.month } : {})
    const all = [...new Set(this.options.data.connections.list().map((c) => c.customer))].sort((a, b) => a.localeCompare(b))
    const customers = input.customers ? all.filter((c) => input.customers?.includes(c)) : all
    if (!customers.length) throw new AppError('NOT_FOUND', 'There is no customer to report on.')
    const batchId = randomUUID()
    const sink = await saveFiles({ title: 'Choose a folder for the reports', suggestedName: `Backup reports ${period.from.slice(0, 7)}`, multiple: true })
    const progress: ReportBatchProgress = { batchId, state: 'running', done: 0, total: customers.length, failures: [] }
    if (!sink) return { ...progress, state: 'cancelled', message: 'No folder was chosen.' }
    const controller = new AbortController()
    const batch: Batch = { progress, controller, finished: Promise.resolve() }
    this.batch = batch
    this.emit(batch)
    batch.finished = (async () => {
      const signal = controller.signal
      try {
        const deps = await this.deps()
        const ids = new Set(this.options.data.connections.list().filter((c) => customers.includes(c.customer)).map((c) => c.id))
        // The kept scans of the month are read once for every customer.
        const daily = await collectDaily(deps.history, period, (r) => ids.has(r.connectionId))
        const logo = await this.logo()
        let made = 0
        for (const customer of customers) {
          if (signal.aborted) break
          progress.current = customer
          this.emit(batch)
          try {
            const report = await buildCustomerReport(deps, customer, period, { daily, signal })
            const pdf = await reportPdf(report, { label: this.options.providerLabel, ...(logo ? { logo } : {}) })
            await sink.add({ name: reportFileName(report, 'pdf'), data: pdf, type: 'application/pdf' })
            await sink.add({ name: reportFileName(report, 'csv'), data: Buffer.from(`\ufeff${reportCsv(report, this.options.providerLabel)}`, 'utf8'), type: 'text/csv; charset=utf-8' })
            made++
          } catch (err) {
            if (signal.aborted) break
            progress.failures.push({ customer, message: err instanceof AppError ? err.message : 'The report could not be made.' })
            this.logger.warn('customer report failed', { err })
          }
          progress.done++
          this.emit(batch)
        }
        delete progress.current
        if (signal.aborted) {
          await sink.abort()
          progress.state = 'cancelled'
          progress.message = `Cancelled after ${progress.done} of ${progress.total}; nothing was kept.`
        } else if (made === 0) {
          // An empty folder or zip would read as the month's reports: none is handed over.
          await sink.abort()
          progress.state = 'failed'
          progress.message = `No report could be made for ${period.label}, so nothing was saved.`
        } else {
          progress.saved = await sink.close()
          progress.state = 'done'
        }
      } catch (err) {
        await sink.abort().catch(() => undefined)
        progress.state = 'failed'
        progress.message = err instanceof AppError ? err.message : 'The reports could not be made.'
        this.logger.error('report batch failed', { err })
      }
      this.emit(batch)
    })()
    return { ...progress, failures: [...progress.failures] }
  }

  cancelBatch(batchId?: string): boolean {
    const b = this.batch
    if (!b || b.progress.state !== 'running' || (batchId && b.progress.batchId !== batchId)) return false
    b.controller.abort()
    return true
  }

  batchStatus(): ReportBatchProgress | null {
    return this.batch ? { ...this.batch.progress, failures: [...this.batch.progress.failures] } : null
  }

  /** Waits for the running batch (tests, dispose). */
  async settle(): Promise<void> {
    await this.batch?.finished
  }

  async dispose(): Promise<void> {
    this.cancelBatch()
    await this.settle()
    await this.brandingFile.flush()
  }

  private emit(b: Batch): void {
    try {
      this.options.emit?.({ ...b.progress, failures: [...b.progress.failures] })
    } catch (err) {
      this.logger.warn('report progress not sent', { err })
    }
  }
}

export type ReportsHandlers = Pick<HandlerMap, 'reports.preview' | 'reports.save' | 'reports.batch.start' | 'reports.batch.cancel' | 'reports.batch.status' | 'reports.branding.get' | 'reports.branding.set'>

function periodOf(input: PeriodInput): PeriodInput {
  return { ...(input.month ? { month: input.month } : {}), ...(input.from ? { from: input.from } : {}), ...(input.to ? { to: input.to } : {}) }
}

export function createReportsHandlers(service: ReportsService, requireUnlocked: () => void): ReportsHandlers {
  return {
    'reports.preview': ({ customer, ...p }) => {
      requireUnlocked()
      return service.build(customer, periodOf(p))
    },
    'reports.save': ({ customer, format, ...p }) => {
      requireUnlocked()
      return service.save(customer, periodOf(p), format)
    },
    'reports.batch.start': (input) => {
      requireUnlocked()
      return service.startBatch({ ...(input?.month ? { month: input.month } : {}), ...(input?.customers ? { customers: input.customers } : {}) })
    },
    'reports.batch.cancel': (input) => ({ cancelled: service.cancelBatch(input?.batchId) }),
    'reports.batch.status': () => service.batchStatus(),
    'reports.branding.get': () => service.getBranding(),
    'reports.branding.set': (input) =>
      service.setBranding({ ...(input.companyName !== undefined ? { companyName: input.companyName } : {}), ...(input.logoBase64 !== undefined ? { logoBase64: input.logoBase64 } : {}) })
  }
}
