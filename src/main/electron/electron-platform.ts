import { clipboard, Notification, safeStorage, shell } from 'electron'
import type { Keychain, PlatformServices } from '../core/platform/platform'
import { electronSaveFiles } from './file-saver'

/** safeStorage counts as a keychain only with a real backend: Linux `basic_text` is plaintext-equivalent. */
export function electronKeychain(): Keychain {
  return {
    isAvailable() {
      if (!safeStorage.isEncryptionAvailable()) return false
      if (process.platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend?.()
        if (!backend || backend === 'basic_text' || backend === 'unknown') return false
      }
      return true
    },
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64')
  }
}

export interface ElectronPlatformHooks {
  /** Brings the main window forward (a notification was clicked). */
  focusWindow?: () => void
  /** The tray's count (the tray exists once the app is ready). */
  onAttention?: (state: { count: number; newFailures: number }) => void
}

export function electronPlatform(hooks: ElectronPlatformHooks = {}): PlatformServices {
  return {
    openExternal: (url) => shell.openExternal(url),
    clipboard: { writeText: (text) => clipboard.writeText(text), readText: () => clipboard.readText() },
    keychain: electronKeychain(),
    notify(title, body, options) {
      if (!Notification.isSupported()) return
      const notification = new Notification({ title, body, silent: false })
      notification.on('click', () => {
        hooks.focusWindow?.()
        options?.onClick?.()
      })
      notification.show()
    },
    setAttention: (state) => hooks.onAttention?.(state),
    saveFiles: electronSaveFiles
  }
}
