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

export interface PlatformServices {
  openExternal(url: string): Promise<void>
  clipboard?: Clipboard
  keychain?: Keychain
  /** A desktop notification; the renderer shows in-app toasts in every shell regardless. */
  notify?(title: string, body: string, options?: NotifyOptions): void
  /** The tray / menu-bar icon's count of items that need attention (Electron). */
  setAttention?(state: { count: number; newFailures: number }): void
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
