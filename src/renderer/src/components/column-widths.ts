// Column widths a user dragged, per table id, kept in the page's localStorage (stored-preferences.ts):
// column ids and pixel counts only. Anything unreadable is ignored: the table falls back to its
// default widths.

import { readPreference, storedWidth, writePreference } from './stored-preferences'

export type ColumnWidths = Readonly<Record<string, number>>

const PREFIX = 'backdesk.columnWidths.'

export function loadColumnWidths(tableId: string): ColumnWidths {
  const parsed = readPreference(PREFIX + tableId)
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
  const widths: Record<string, number> = {}
  for (const [id, value] of Object.entries(parsed)) {
    const width = storedWidth(value)
    if (width !== undefined) widths[id] = width
  }
  return widths
}

export function saveColumnWidths(tableId: string, widths: ColumnWidths): void {
  writePreference(PREFIX + tableId, Object.keys(widths).length === 0 ? undefined : widths)
}

/**
 * The default width of a column showing a full date and time ("12/05/2026, 11:52 AM" with the
 * cell's padding): narrower ones cut off the minutes or AM/PM, which the time is read by.
 */
export const DATE_TIME_COLUMN_WIDTH = 184
