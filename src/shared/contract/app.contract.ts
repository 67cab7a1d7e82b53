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

export const appChannels = {
  'app.about': defineChannel<AboutInfo>()(NoInput),
  'app.ping': defineChannel<{ pong: true; at: string }>()(NoInput),
  /** Opens an https link in the OS browser when its host is on the allowlist. */
  'app.openExternal': defineChannel<{ opened: boolean }>()(
    z.object({ url: z.string().url().max(2048) }).strict()
  )
} as const

export const appTopics = {
  'app.notice': defineTopic<Notice>()
} as const
