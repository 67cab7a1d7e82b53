// CSV built in the renderer from what a table shows; the quoting and the formula-injection guard
// are shared with main's report files (shared/csv.ts).

import { formatDayStamp } from '../../../shared/format'

export { csvCell, toCsv, type CsvColumn } from '../../../shared/csv'

/** A file name that is safe on every OS: "consumption-units-Acme AB-2026-03-04.csv", dated the user's today. */
export function csvFileName(...parts: Array<string | number>): string {
  const stamp = formatDayStamp(new Date())
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
