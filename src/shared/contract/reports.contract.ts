import { z } from 'zod'
import { logoSizeProblem, type CustomerReport, type ReportBatchProgress, type ReportBranding, type SavedFiles } from '../model/reports'
import { defineChannel, defineTopic, Id, NoInput } from './define'

// Per-customer backup reports: on screen, as a PDF or CSV file, and a batch for every customer of
// a month. Default period: the last full calendar month (UTC).

const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Choose a month (year and month, like 2026-03).')
  .describe('Month')
const Day = z.iso.date()
const Period = {
  month: Month.optional(),
  from: Day.optional(),
  to: Day.optional()
}
const Customer = z.string().max(200)

export const reportsChannels = {
  'reports.preview': defineChannel<CustomerReport>()(z.object({ customer: Customer, ...Period }).strict()),
  /** Writes the report through the shell (save dialog / download); null when the user cancelled. */
  'reports.save': defineChannel<SavedFiles | null>()(z.object({ customer: Customer, format: z.enum(['pdf', 'csv']), ...Period }).strict(), { mutates: true }),
  /** Every customer's report (PDF + CSV) for a month into one folder / zip; progress on `reports.progress`. */
  'reports.batch.start': defineChannel<ReportBatchProgress>()(
    z.object({ month: Month.optional(), customers: z.array(Customer).max(10_000).optional() }).strict().optional(),
    { mutates: true }
  ),
  'reports.batch.cancel': defineChannel<{ cancelled: boolean }>()(z.object({ batchId: Id.optional() }).strict().optional()),
  'reports.batch.status': defineChannel<ReportBatchProgress | null>()(NoInput),
  'reports.branding.get': defineChannel<ReportBranding>()(NoInput),
  /** Company name and logo (PNG or JPEG, base64, at most 1 MiB; null removes it). */
  'reports.branding.set': defineChannel<ReportBranding>()(
    z
      .object({
        companyName: z.string().max(200).optional(),
        // A little over 1 MiB encoded; main refuses what decodes to more. Either refusal names
        // the limit and the file's size.
        logoBase64: z
          .string()
          .max(1_500_000, { error: (issue) => (typeof issue.input === 'string' ? logoSizeProblem(Math.floor((issue.input.length * 3) / 4)) : undefined) })
          .nullable()
          .optional()
      })
      .strict(),
    { mutates: true }
  )
} as const

export const reportsTopics = {
  'reports.progress': defineTopic<ReportBatchProgress>()
} as const
