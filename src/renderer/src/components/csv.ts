// CSV built in the renderer from what a table shows. RFC 4180 quoting (fields with a comma,
// quote, CR or LF are quoted; quotes doubled), CRLF line ends, and a guard against formula
// injection: a cell starting with = + - @ (or tab/CR) gets a leading ' so a spreadsheet shows it
// as text instead of running it.

export interface CsvColumn<T> {
  header: string
  value: (row: T) => string | number | boolean | null | undefined
}

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value)
  // Numbers are data, not formulas: only text is guarded (a negative number stays a number).
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv<T>(rows: readonly T[], columns: ReadonlyArray<CsvColumn<T>>): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** A file name that is safe on every OS: "consumption-units-Acme AB-2026-03-04.csv". */
export function csvFileName(...parts: Array<string | number>): string {
  const stamp = new Date().toISOString().slice(0, 10)
  const base = [...parts, stamp]
    .map((p) =>
      [...String(p)]
        .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
        .join('')
        .trim()
    )
    .filter(Boolean)
    .join('-')
  return `${base.slice(0, 120)}.csv`
}

/** Starts a download of `text` (UTF-8 with BOM so Excel reads non-ASCII names correctly). */
export function downloadCsv(fileName: string, text: string): void {
  const blob = new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
