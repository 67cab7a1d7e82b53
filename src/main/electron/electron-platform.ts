import { BrowserWindow, clipboard, dialog, Notification, safeStorage, shell } from 'electron'
import type { Keychain, PlatformServices } from '../core/platform/platform'

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

export function electronPlatform(): PlatformServices {
  return {
    openExternal: (url) => shell.openExternal(url),
    async confirmOpenExternal(url) {
      const options = {
        type: 'question' as const,
        buttons: ['Open in browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
        title: 'Open an outside link?',
        message: `Open ${new URL(url).host} in your browser?`,
        detail: `${url}\n\nBackdesk does not know this site: it is not a documentation site, and no connection to it has passed Test connection. Open it only if you trust it.`
      }
      const parent = BrowserWindow.getFocusedWindow()
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
      return response === 0
    },
    clipboard: { writeText: (text) => clipboard.writeText(text), readText: () => clipboard.readText() },
    keychain: electronKeychain(),
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body, silent: false }).show()
    }
  }
}
