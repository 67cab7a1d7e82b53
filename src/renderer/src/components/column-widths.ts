// Column widths a user dragged, per table id, kept in the page's localStorage: a display preference
// with no customer data in it (column ids and pixel counts only), so it needs neither the vault nor
// main. Anything unreadable is ignored: the table falls back to its default widths.

export type ColumnWidths = Readonly<Record<string, number>>

const PREFIX = 'backdesk.columnWidths.'

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined // storage disabled for this origin
  }
}

export function loadColumnWidths(tableId: string): ColumnWidths {
  try {
    const raw = storage()?.getItem(PREFIX + tableId)
    if (!raw) return {}
    const parsed: unknown = JSON.parse(raw)
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
    const widths: Record<string, number> = {}
    for (const [id, value] of Object.entries(parsed)) {
      if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 10_000) widths[id] = Math.round(value)
    }
    return widths
  } catch {
    return {}
  }
}

export function saveColumnWidths(tableId: string, widths: ColumnWidths): void {
  try {
    const s = storage()
    if (!s) return
    if (Object.keys(widths).length === 0) s.removeItem(PREFIX + tableId)
    else s.setItem(PREFIX + tableId, JSON.stringify(widths))
  } catch {
    // Quota or a disabled storage: the widths last until the table unmounts.
  }
}

/**
 * The default width of a column showing a full date and time ("12/05/2026, 11:52 AM" with the
 * cell's padding): narrower ones cut off the minutes or AM/PM, which the time is read by.
 */
export const DATE_TIME_COLUMN_WIDTH = 184
