// A customer report as files: a PDF (pdfkit, in the core, so both shells produce the same bytes
// from the same data) and a CSV of the same object rows. The PDF uses the standard Helvetica
// fonts (WinAnsi): characters outside that set are shown as "?".

import PDFDocument from 'pdfkit'
import { toCsv, type CsvColumn } from '../../../shared/csv'
import { formatBytes } from '../../../shared/format'
import { percentText, percentValue, rateOf, type CustomerReport, type ReportObject } from '../../../shared/model/reports'

/** A provider's name as people read it (its module's `label`). */
export type ProviderLabel = (provider: string) => string

const RATE_SOURCE: Record<ReportObject['rateSource'], string> = { jobs: 'provider job history', scans: 'Backdesk scans', none: '' }

function csvColumns(label: ProviderLabel): ReadonlyArray<CsvColumn<ReportObject & { customer: string; period: string }>> {
  return [
    { header: 'Customer', value: (o) => o.customer },
    { header: 'Period', value: (o) => o.period },
    { header: 'Provider', value: (o) => label(o.provider) },
    { header: 'Connection', value: (o) => o.connectionName },
    { header: 'Object', value: (o) => o.object },
    { header: 'Where', value: (o) => o.context },
    { header: 'Status', value: (o) => o.statusText },
    { header: 'Detail', value: (o) => o.detail },
    { header: 'Last good backup', value: (o) => o.lastSuccess },
    { header: 'Successful', value: (o) => o.successes },
    { header: 'Attempts', value: (o) => o.attempts },
    { header: 'Success rate %', value: (o) => percentValue(o.successes, o.attempts) ?? null },
    { header: 'Rate from', value: (o) => RATE_SOURCE[o.rateSource] },
    { header: 'Storage bytes', value: (o) => o.storageBytes },
    { header: 'Seats', value: (o) => o.seats }
  ]
}

export function reportCsv(report: CustomerReport, label: ProviderLabel): string {
  const period = `${report.period.from}..${report.period.to}`
  return toCsv(
    report.objects.map((o) => ({ ...o, customer: report.customer, period })),
    csvColumns(label)
  )
}

/** A file name safe on every OS: "Backup report - Contoso AB - 2026-03.pdf". */
export function reportFileName(report: Pick<CustomerReport, 'customer' | 'period'>, ext: 'pdf' | 'csv'): string {
  const safe = [...(report.customer || 'No customer')].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').trim().slice(0, 80)
  const when = report.period.from.slice(8) === '01' && isMonthEnd(report.period.to) && report.period.from.slice(0, 7) === report.period.to.slice(0, 7) ? report.period.from.slice(0, 7) : `${report.period.from}_${report.period.to}`
  return `Backup report - ${safe} - ${when}.${ext}`
}

function isMonthEnd(day: string): boolean {
  const d = new Date(`${day}T00:00:00.000Z`)
  return new Date(d.getTime() + 86_400_000).getUTCDate() === 1
}

// WinAnsi beyond Latin-1: what the standard fonts can draw.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
function pdfText(text: string): string {
  let out = ''
  for (const ch of text) {
    const c = ch.codePointAt(0) as number
    out += (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : c === 0x0a ? ' ' : '?'
  }
  return out
}

const date = (iso: string | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—')
const COLORS = { text: '#1b1d21', muted: '#5f6670', rule: '#d0d4da', ok: '#2e7d32', warn: '#b26a00', bad: '#c62828', none: '#b0b6be', brand: '#2f6feb' }

export interface PdfOptions {
  label: ProviderLabel
  /** PNG or JPEG bytes for the header. */
  logo?: Buffer
}

/** The PDF, in memory. */
export function reportPdf(report: CustomerReport, options: PdfOptions): Promise<Buffer> {
  const { label } = options
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: {
      Title: pdfText(`Backup report: ${report.customer} — ${report.period.label}`),
      Author: pdfText(report.companyName || 'Backdesk'),
      Creator: 'Backdesk',
      CreationDate: new Date(report.generatedAt)
    }
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const bottom = () => doc.page.height - doc.page.margins.bottom - 20
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage()
  }
  const heading = (text: string) => {
    ensure(40)
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(COLORS.text).text(pdfText(text), left, doc.y)
    doc.moveDown(0.3)
  }

  // --- header -------------------------------------------------------------------------------
  let top = doc.y
  if (options.logo) {
    try {
      doc.image(options.logo, left, top, { fit: [140, 44] })
    } catch {
      // A logo pdfkit cannot read is left out rather than failing the report.
    }
  }
  doc.font('Helvetica-Bold').fontSize(11).fillColor(COLORS.brand).text(pdfText(report.companyName || 'Backdesk'), left, top, { width, align: 'right' })
  top += 52
  doc.font('Helvetica-Bold').fontSize(20).fillColor(COLORS.text).text('Backup report', left, top)
  doc.font('Helvetica').fontSize(14).text(pdfText(report.customer || 'Connections without a customer'))
  doc.fontSize(10).fillColor(COLORS.muted).text(pdfText(`${report.period.label} (${report.period.from} to ${report.period.to}, UTC) · generated ${date(report.generatedAt)} UTC`))

  // --- summary ------------------------------------------------------------------------------
  const t = report.totals
  heading('Summary')
  const summary: Array<[string, string]> = [
    ['Protected objects', `${t.objects} (${t.ok} backed up, ${t.attention} need attention)`],
    ['Success rate over the period', t.attempts ? `${percentText(t.successes, t.attempts)} (${t.successes} of ${t.attempts})` : 'No backups judged in the period'],
    ['Restores in the period', String(report.restores.length)]
  ]
  if (t.storageBytes) summary.push(['Storage', formatBytes(t.storageBytes, 'en-GB')])
  if (t.seats) summary.push(['Seats', String(t.seats)])
  if (t.repositories) summary.push(['Repositories', String(t.repositories)])
  for (const [k, v] of summary) {
    const y = doc.y
    doc.font('Helvetica').fontSize(10).fillColor(COLORS.muted).text(pdfText(k), left, y, { width: 190 })
    doc.font('Helvetica-Bold').fillColor(COLORS.text).text(pdfText(v), left + 200, y, { width: width - 200 })
  }

  // --- daily success chart ------------------------------------------------------------------
  heading('Daily success')
  ensure(120)
  const chartTop = doc.y + 4
  const chartH = 80
  const n = Math.max(1, report.days.length)
  const slot = (width - 40) / n
  const x0 = left + 36
  doc.lineWidth(0.5).strokeColor(COLORS.rule)
  for (const frac of [0, 0.5, 1]) {
    const y = chartTop + chartH - frac * chartH
    doc.moveTo(x0, y).lineTo(x0 + slot * n, y).stroke()
    doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted).text(`${frac * 100} %`, left, y - 3, { width: 32, align: 'right', lineBreak: false })
  }
  report.days.forEach((d, i) => {
    const rate = rateOf(d.successes, d.attempts)
    const h = rate === undefined ? 2 : Math.max(1, rate * chartH)
    const color = rate === undefined ? COLORS.none : rate >= 0.95 ? COLORS.ok : rate >= 0.8 ? COLORS.warn : COLORS.bad
    doc.rect(x0 + i * slot + slot * 0.15, chartTop + chartH - h, Math.max(1, slot * 0.7), h).fill(color)
    if (i === 0 || (i + 1) % 5 === 0 || i === n - 1) {
      doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted).text(d.date.slice(8), x0 + i * slot - 4, chartTop + chartH + 3, { width: slot + 8, align: 'center', lineBreak: false })
    }
  })
  doc.x = left
  doc.y = chartTop + chartH + 16
  doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text('Share of backups that succeeded each day (green 95 % or more, amber 80 % or more, grey: nothing judged that day).', left, doc.y, { width })

  // --- provider figures -----------------------------------------------------------------------
  if (report.figures.length) {
    heading("The providers' own figures")
    table(
      doc,
      [
        { header: 'Provider', width: 80 },
        { header: 'Connection', width: 150 },
        { header: 'Figure', width: 150 },
        { header: 'Value', width: width - 380 }
      ],
      report.figures.map((f) => [label(f.provider), f.connectionName, f.label, f.value]),
      left,
      bottom
    )
  }

  // --- objects ------------------------------------------------------------------------------
  heading(`Protected objects (${report.objects.length})`)
  table(
    doc,
    [
      { header: 'Object', width: 150 },
      { header: 'Provider', width: 62 },
      { header: 'Status', width: 62 },
      { header: 'Last good backup', width: 86 },
      { header: 'Success', width: 58, align: 'right' },
      { header: 'Storage / seats', width: width - 418, align: 'right' }
    ],
    report.objects.map((o) => [
      o.context ? `${o.object} · ${o.context}` : o.object,
      label(o.provider),
      o.statusText,
      date(o.lastSuccess),
      o.attempts ? `${percentText(o.successes, o.attempts)}${o.rateSource === 'scans' ? '*' : ''}` : '—',
      [o.storageBytes !== undefined ? formatBytes(o.storageBytes, 'en-GB') : '', o.seats !== undefined ? `${o.seats} seats` : ''].filter(Boolean).join(' · ') || '—'
    ]),
    left,
    bottom
  )
  doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text('Success: share of backups that succeeded in the period, from the provider’s job history; * from Backdesk’s daily scans (days judged OK).', left, doc.y + 2, { width })

  // --- restores -----------------------------------------------------------------------------
  heading(`Restores in the period (${report.restores.length})`)
  if (report.restores.length) {
    table(
      doc,
      [
        { header: 'When (UTC)', width: 90 },
        { header: 'Provider', width: 62 },
        { header: 'Object', width: 190 },
        { header: 'Kind', width: 60 },
        { header: 'Outcome', width: width - 402 }
      ],
      report.restores.map((r) => [date(r.at), label(r.provider), r.object, r.kind, r.bytes !== undefined ? `${r.outcome} · ${formatBytes(r.bytes, 'en-GB')}` : r.outcome]),
      left,
      bottom
    )
  } else {
    doc.font('Helvetica').fontSize(10).fillColor(COLORS.muted).text('No restore in the period.', left, doc.y)
  }

  // --- open issues ----------------------------------------------------------------------------
  heading(`Open issues (${report.issues.length})`)
  if (!report.issues.length) doc.font('Helvetica').fontSize(10).fillColor(COLORS.muted).text('None: every object had a good backup in the period and none is failing at the time of the report.', left, doc.y, { width })
  for (const i of report.issues) {
    ensure(44)
    doc.font('Helvetica-Bold').fontSize(10).fillColor(COLORS.text).text(pdfText(`${i.object} (${label(i.provider)}): ${i.statusText}`), left, doc.y, { width })
    const lines = [i.detail, i.since ? `Since ${i.since}` : '', i.review?.note ? `Note: ${i.review.note}` : '', i.review?.ticket?.reference ? `Ticket: ${i.review.ticket.reference}` : '', i.review?.state === 'acknowledged' ? 'Acknowledged' : i.review?.state === 'snoozed' ? 'Snoozed' : '']
    doc.font('Helvetica').fontSize(9).fillColor(COLORS.muted).text(pdfText(lines.filter(Boolean).join(' · ')), left, doc.y, { width })
    doc.moveDown(0.4)
  }

  if (report.notes.length) {
    heading('Notes')
    for (const note of report.notes) doc.font('Helvetica').fontSize(9).fillColor(COLORS.muted).text(pdfText(note), left, doc.y, { width })
  }

  // --- page numbers -------------------------------------------------------------------------
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const y = doc.page.height - doc.page.margins.bottom - 10
    doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text(pdfText(`${report.customer} · ${report.period.label} · page ${i + 1} of ${range.count}`), left, y, { width, align: 'center', lineBreak: false })
  }
  doc.end()
  return done
}

interface Col {
  header: string
  width: number
  align?: 'left' | 'right'
}

function table(doc: PDFKit.PDFDocument, cols: Col[], rows: string[][], left: number, bottom: () => number): void {
  const rowH = 14
  const header = () => {
    let x = left
    const y = doc.y
    doc.font('Helvetica-Bold').fontSize(8).fillColor(COLORS.muted)
    for (const c of cols) {
      doc.text(pdfText(c.header), x, y, { width: c.width - 6, align: c.align ?? 'left', lineBreak: false })
      x += c.width
    }
    doc.y = y + rowH
    doc.lineWidth(0.5).strokeColor(COLORS.rule).moveTo(left, doc.y - 3).lineTo(x, doc.y - 3).stroke()
  }
  header()
  for (const row of rows) {
    if (doc.y + rowH > bottom()) {
      doc.addPage()
      header()
    }
    let x = left
    const y = doc.y
    doc.font('Helvetica').fontSize(8.5).fillColor(COLORS.text)
    row.forEach((cell, i) => {
      const c = cols[i] as Col
      doc.text(pdfText(cell), x, y, { width: c.width - 6, height: rowH, align: c.align ?? 'left', lineBreak: false, ellipsis: true })
      x += c.width
    })
    doc.x = left
    doc.y = y + rowH
  }
}
