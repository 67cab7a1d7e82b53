import { writeFile } from 'atomically'
import { BrowserWindow, clipboard, dialog, Notification, safeStorage, shell } from 'electron'
import type { SaveFileResult } from '../../shared/contract/vault.contract'
import type { Keychain, PlatformServices, SaveFileRequest } from '../core/platform/platform'
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

/**
 * Asks where to save (the OS dialog, over the focused window) and writes the file from main:
 * the bytes never reach the renderer. Atomic (temp file, fsync, rename), so a crash leaves the
 * old file or the whole new one, and user-only (0600), since it may hold every login.
 */
export async function saveFileWithDialog(request: SaveFileRequest): Promise<SaveFileResult> {
  const options = { title: 'Save the export bundle', defaultPath: request.suggestedName, filters: request.filters }
  const parent = BrowserWindow.getFocusedWindow()
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  if (choice.canceled || !choice.filePath) return { saved: false }
  await writeFile(choice.filePath, request.content, { encoding: 'utf8', mode: 0o600, fsync: true })
  return { saved: true, path: choice.filePath }
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
    saveFiles: electronSaveFiles,
    saveFile: saveFileWithDialog
  }
}
