// The width a user gave a resizable pane (PaneSplitter), per pane id, kept like the tables' column
// widths (stored-preferences.ts). No stored width means the pane's default from the stylesheet.

import { useCallback, useState } from 'react'
import { readPreference, storedWidth, writePreference } from './stored-preferences'

const PREFIX = 'backdesk.paneWidths.'

/** How narrow and how wide a pane may be made: `maxShare` of its container, never over `max`. */
export interface PaneBounds {
  readonly min: number
  readonly max: number
  readonly maxShare: number
}

/** The widest the pane may be in a container this wide (0: not measured, so `max` alone). */
export function paneMaxWidth(bounds: PaneBounds, containerWidth: number): number {
  const share = containerWidth > 0 ? Math.floor(containerWidth * bounds.maxShare) : bounds.max
  return Math.max(bounds.min, Math.min(bounds.max, share))
}

export function clampPaneWidth(width: number, bounds: PaneBounds, containerWidth: number): number {
  return Math.min(paneMaxWidth(bounds, containerWidth), Math.max(bounds.min, Math.round(width)))
}

/**
 * The CSS track for a pane the user sized: clamped by the browser too, so a width kept from a
 * wider window never squeezes the content of a narrower one.
 */
export function paneTrack(width: number, bounds: PaneBounds): string {
  return `clamp(${bounds.min}px, ${width}px, min(${bounds.max}px, ${bounds.maxShare * 100}%))`
}

/**
 * The pane's width the user set (undefined: the default) and the way to change it; `done` keeps
 * it (the end of a drag, a key), so a drag's every move is not written to storage.
 */
export function usePaneWidth(paneId: string): [number | undefined, (width: number | undefined, done: boolean) => void] {
  const [width, setWidth] = useState(() => storedWidth(readPreference(PREFIX + paneId)))
  const change = useCallback(
    (next: number | undefined, done: boolean) => {
      setWidth(next)
      if (done) writePreference(PREFIX + paneId, next)
    },
    [paneId]
  )
  return [width, change]
}
