import { useCallback, useState, type ReactNode } from 'react'
import { csvFileName, downloadCsv, toCsv, type CsvColumn } from './csv'

/**
 * "Export CSV" for a table: exactly the rows given (the filtered, sorted view). Pass `getRows`
 * instead of `rows` when building them costs something (a sort of 10,000 rows): it runs on click.
 */
export function CsvExport<T>({
  rows,
  getRows,
  count,
  columns,
  name,
  label = 'Export CSV'
}: {
  rows?: readonly T[]
  getRows?: () => readonly T[]
  /** Row count for the button's state when `getRows` is used. */
  count?: number
  columns: ReadonlyArray<CsvColumn<T>>
  /** File name parts, e.g. ['jobs', 'WS-01']. */
  name: Array<string | number>
  label?: string
}): ReactNode {
  const total = rows?.length ?? count ?? 0
  const fileName = csvFileName(...name)
  // A download starts without a word from the page: say what was exported, beside the button.
  const [exported, setExported] = useState<number | null>(null)
  const onClick = useCallback(() => {
    const list = rows ?? getRows?.() ?? []
    downloadCsv(fileName, toCsv(list, columns))
    setExported(list.length)
  }, [rows, getRows, columns, fileName])
  return (
    <>
      <button type="button" className="btn" onClick={onClick} disabled={total === 0} title={`${total} rows`}>
        {label}
      </button>
      {exported !== null && (
        <span className="muted small" role="status">
          Exported {exported} {exported === 1 ? 'row' : 'rows'} to {fileName}.
        </span>
      )}
    </>
  )
}
