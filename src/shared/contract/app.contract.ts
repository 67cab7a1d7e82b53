import { z } from 'zod'
import { defineChannel, defineTopic, NoInput } from './define'

export type ShellKind = 'electron' | 'web'

export interface AboutInfo {
  name: string
  version: string
  shell: ShellKind
  platform: string
  arch: string
  /** Versions reported by the running shell; electron and chrome are absent in the web shell. */
  versions: { node: string; electron?: string; chrome?: string; v8?: string }
  /** The browser's own user agent is added by the renderer in the web shell. */
  dataDir: string
  /** A `--demo` session: its data folder is deleted when the app stops. */
  throwaway?: boolean
}

export interface Notice {
  level: 'info' | 'success' | 'warning' | 'error'
  message: string
}

/** At most this many editors are named when a window with unsaved edits is closed. */
export const UNSAVED_EDITORS_MAX = 20
/** The longest editor name main takes. */
export const UNSAVED_EDITOR_NAME_MAX = 120

/**
 * What a page holds unsaved: one name per editor ("the connection “Contoso”"), said in main's
 * question before its window closes. Plain bounded text, no line breaks: it is shown in a native
 * dialog, which reads it as text.
 */
const EditorName = z
  .string()
  .trim()
  .min(1)
  .max(UNSAVED_EDITOR_NAME_MAX)
  .regex(/^[^\p{Cc}]*$/u, 'Use no control characters.')

export const appChannels = {
  'app.about': defineChannel<AboutInfo>()(NoInput),
  'app.ping': defineChannel<{ pong: true; at: string }>()(NoInput),
  /** Opens an https link in the OS browser when its host is on the allowlist. */
  'app.openExternal': defineChannel<{ opened: boolean }>()(
    z.object({ url: z.string().url().max(2048) }).strict()
  ),
  /**
   * The page says which of its editors hold edits not saved yet (none: an empty list). Electron's
   * main keeps it per window and asks before that window closes or the app quits; the web shell
   * keeps nothing (the browser asks through `beforeunload`) and answers `kept: false`.
   */
  'app.unsavedEdits.report': defineChannel<{ kept: boolean }>()(
    z.object({ editors: z.array(EditorName).max(UNSAVED_EDITORS_MAX) }).strict(),
    { mutates: true }
  )
} as const

export const appTopics = {
  'app.notice': defineTopic<Notice>()
} as const
