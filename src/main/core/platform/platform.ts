import type { SaveFileResult } from '../../../shared/contract/vault.contract'
import type { SavedFiles } from '../../../shared/model/reports'

// What a shell offers the core. The Electron shell implements these with Electron APIs; the web
// shell and tests with Node or not at all. The core never imports electron itself.

/** The OS keychain (Electron safeStorage). Absent where there is none. */
export interface Keychain {
  /** False on Linux with the `basic_text` backend: that is no real protection. */
  isAvailable(): boolean
  encrypt(plain: Buffer): Buffer
  decrypt(sealed: Buffer): Buffer
}

export interface Clipboard {
  writeText(text: string): void
  readText(): string | Promise<string>
}

/** A file main wants the user to keep (an export bundle). */
export interface SaveFileRequest {
  suggestedName: string
  /** For the save dialog, e.g. [{ name: 'Backdesk bundle', extensions: ['backdesk-bundle'] }]. */
  filters: Array<{ name: string; extensions: string[] }>
  content: string
}

export interface PlatformServices {
  openExternal(url: string): Promise<void>
  /**
   * Asks the user, in a dialog main shows and the renderer cannot answer, whether to open a link
   * to a host Backdesk has no reason to trust. Absent where there is no such dialog (the web
   * shell, tests): such links are then refused.
   */
  confirmOpenExternal?(url: string): Promise<boolean>
  clipboard?: Clipboard
  keychain?: Keychain
  /** A desktop notification; the renderer shows in-app toasts in every shell regardless. */
  notify?(title: string, body: string, options?: NotifyOptions): void
  /** The tray / menu-bar icon's count of items that need attention (Electron). */
  setAttention?(state: { count: number; newFailures: number }): void
  /**
   * Somewhere for files made by main (reports). One file: a save dialog (Electron) or a plain
   * download (web shell). Several: a folder picker, files written as they come (Electron), or one
   * zip download (web shell). Null when the user cancelled the picker.
   */
  saveFiles?(request: SaveFilesRequest): Promise<FileSink | null>
  /**
   * Hands a file to the user without it passing through the renderer: Electron writes it where
   * the user chooses (user-only permissions); the web shell serves it once as a download.
   * Absent where files cannot be handed over (headless).
   */
  saveFile?(request: SaveFileRequest): Promise<SaveFileResult>
  /**
   * Where main cannot open a browser itself (the web shell): a one-time address of the shell's own
   * that sends the signed-in browser on to `url`, for the page to open in a new tab. `url` (a
   * pre-signed download link) stays in main. Absent in Electron, which opens links itself.
   */
  handOffLink?(url: string): Promise<{ open: string }>
}

export interface SaveFilesRequest {
  title: string
  /** The file name (one file) or the name of the folder / zip (several). */
  suggestedName: string
  multiple: boolean
}

export interface OutputFile {
  name: string
  data: Uint8Array
  type: string
}

export interface FileSink {
  add(file: OutputFile): Promise<void>
  /** Finishes: where the files are, or the one-time download to start. */
  close(): Promise<SavedFiles>
  /** Stops and removes what was written. */
  abort(): Promise<void>
}

export interface NotifyOptions {
  /** The user clicked the notification (the shell has already brought its window forward). */
  onClick?: () => void
}

/** A platform that can do nothing outside the process: for tests and headless use. */
export const headlessPlatform: PlatformServices = {
  async openExternal() {
    throw new Error('No browser available')
  }
}
