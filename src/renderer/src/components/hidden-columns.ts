// Which columns a user hid, per table id, kept in the page's localStorage (stored-preferences.ts):
// column ids only. Anything unreadable is ignored (the table shows every column), and ids no
// column has any more are ignored when the table applies them.

import { readPreference, writePreference } from './stored-preferences'

const PREFIX = 'backdesk.hiddenColumns.'
// A column id is a short code word; anything longer, or more of them than a table has, is not ours.
const MAX_IDS = 100
const MAX_ID_LENGTH = 100

export function loadHiddenColumns(tableId: string): ReadonlySet<string> {
  const parsed = readPreference(PREFIX + tableId)
  if (!Array.isArray(parsed)) return new Set()
  const ids = parsed.filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH)
  return new Set(ids.slice(0, MAX_IDS))
}

export function saveHiddenColumns(tableId: string, hidden: ReadonlySet<string>): void {
  writePreference(PREFIX + tableId, hidden.size === 0 ? undefined : [...hidden])
}

/** What the hiding rules need of a column (DataTable's `TableColumn`). */
export interface HideableColumn {
  id: string
  header: string
  hideable?: boolean
  headerCell?: unknown
  sticky?: boolean
}

/** A column holding data: not a selection checkbox column (its own header cell) nor the pinned action column. */
function isDataColumn(column: HideableColumn): boolean {
  return column.headerCell === undefined && !column.sticky
}

/**
 * The ids of the columns a user may hide. By default every data column with a header but the
 * first, which names the row (a table without it is rows of numbers); a column says otherwise
 * with `hideable`.
 */
export function hideableColumnIds(columns: ReadonlyArray<HideableColumn>): ReadonlySet<string> {
  const first = columns.find(isDataColumn)
  return new Set(columns.filter((c) => c.hideable ?? (isDataColumn(c) && c !== first && c.header.trim() !== '')).map((c) => c.id))
}

/**
 * The columns to draw: all but the hidden ones that may be hidden. A choice that would leave no
 * data column (a stored one from another version of the table) is ignored whole.
 */
export function shownColumns<C extends HideableColumn>(columns: ReadonlyArray<C>, hidden: ReadonlySet<string>): ReadonlyArray<C> {
  if (hidden.size === 0) return columns
  const hideable = hideableColumnIds(columns)
  const shown = columns.filter((c) => !(hidden.has(c.id) && hideable.has(c.id)))
  if (shown.length === columns.length) return columns
  return columns.some(isDataColumn) && !shown.some(isDataColumn) ? columns : shown
}

/** Whether hiding `id` would leave no data column shown (never allowed). */
export function isLastDataColumn(columns: ReadonlyArray<HideableColumn>, shown: ReadonlyArray<HideableColumn>, id: string): boolean {
  const column = columns.find((c) => c.id === id)
  if (!column || !isDataColumn(column)) return false
  return !shown.some((c) => c.id !== id && isDataColumn(c))
}
