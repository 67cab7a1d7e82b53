import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export interface DisplayArea {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 820, maximized: false }
const MIN_WIDTH = 900
const MIN_HEIGHT = 600

/** Reads saved bounds; anything unreadable falls back to the defaults. */
export function loadWindowState(dir: string): WindowBounds {
  try {
    const raw = JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8')) as Partial<WindowBounds>
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined)
    const width = num(raw.width)
    const height = num(raw.height)
    if (!width || !height) return { ...DEFAULT_BOUNDS }
    const bounds: WindowBounds = {
      width: Math.max(MIN_WIDTH, width),
      height: Math.max(MIN_HEIGHT, height),
      maximized: raw.maximized === true
    }
    const x = num(raw.x)
    const y = num(raw.y)
    if (x !== undefined && y !== undefined) {
      bounds.x = x
      bounds.y = y
    }
    return bounds
  } catch {
    return { ...DEFAULT_BOUNDS }
  }
}

export function saveWindowState(dir: string, bounds: WindowBounds): void {
  const file = join(dir, 'window-state.json')
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(bounds), { mode: 0o600 })
    renameSync(`${file}.tmp`, file)
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}

/**
 * Keeps a remembered window visible: a position on a display that is gone (unplugged monitor)
 * is dropped so the OS centres the window, and the size is clamped to the display it lands on.
 */
export function fitToDisplays(bounds: WindowBounds, displays: DisplayArea[]): WindowBounds {
  const out = { ...bounds }
  if (out.x !== undefined && out.y !== undefined) {
    const cx = out.x + out.width / 2
    const cy = out.y + out.height / 2
    const home = displays.find((d) => cx >= d.x && cx < d.x + d.width && cy >= d.y && cy < d.y + d.height)
    if (!home) {
      delete out.x
      delete out.y
    } else {
      out.width = Math.min(out.width, home.width)
      out.height = Math.min(out.height, home.height)
    }
  }
  return out
}
