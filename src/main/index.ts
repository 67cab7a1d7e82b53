// The Electron shell: windows, hardening, IPC wiring, OS integration. All product logic lives in
// ./core (no electron imports there), shared with the web shell.
import { app, BrowserWindow, ipcMain, powerMonitor, protocol, screen, session } from 'electron'
import Store from 'electron-store'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore, type Core } from './core/app/core'
import { isAllowedExternalUrl } from './core/app/external-links'
import { openThrowawayDemo, removeThrowawayDataDir, throwawayDataDir } from './core/demo/throwaway-session'
import { stderrSink } from './core/log/logger'
import { APP_HOST, APP_ORIGIN, APP_PROTOCOL, EVENT_CHANNEL_PREFIX } from '../shared/contract/ipc-names'
import { installAppMenu } from './electron/app-menu'
import { serveAppFile } from './electron/app-protocol'
import { createCloseGuard } from './electron/close-guard'
import { electronPlatform } from './electron/electron-platform'
import { hardenSession, hardenWebContents, setDevServerUrl } from './electron/hardening'
import { createAttentionTray, type AttentionTray } from './electron/tray'
import { createSenderCheck, registerIpc } from './electron/ipc'
import { secureWebPreferences } from './electron/web-preferences'
import { fitToDisplays, loadWindowState, saveWindowState } from './electron/window-state'

const here = dirname(fileURLToPath(import.meta.url))
const rendererRoot = join(here, '../renderer')
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined

protocol.registerSchemesAsPrivileged([
  { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } }
])
app.enableSandbox()

// `--demo`: a throwaway session in its own temporary data folder (set before the single-instance
// lock, which is per data folder, so a demo runs beside the real app), deleted when the app quits.
const throwawayDir = process.argv.includes('--demo') ? throwawayDataDir() : undefined
if (throwawayDir) app.setPath('userData', throwawayDir)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void main()
}

function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    if (parsed.origin === APP_ORIGIN || `${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true
    return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin
  } catch {
    return false
  }
}

async function main(): Promise<void> {
  await app.whenReady()
  setDevServerUrl(devServerUrl)
  hardenSession(session.defaultSession)
  protocol.handle(APP_PROTOCOL, (request) => serveAppFile(request.url, rendererRoot))

  // The tray exists once the window does; the platform reaches it through this holder.
  const shellParts: { tray?: AttentionTray } = {}
  const platform = electronPlatform({
    focusWindow: () => showMainWindow(),
    onAttention: (state) => shellParts.tray?.update(state)
  })
  const core: Core = await createCore({
    shell: 'electron',
    dataDir: app.getPath('userData'),
    ...(throwawayDir ? { throwaway: true } : {}),
    versions: {
      node: process.versions.node,
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      v8: process.versions.v8
    },
    platform,
    logSinks: [stderrSink],
    // Non-secret preferences (wrong-passphrase counters) through electron-store, same file format as
    // the web shell's conf; the vault file itself is written by the core (atomic, with a backup).
    vault: { prefs: new Store<Record<string, unknown>>({ name: 'vault-prefs', clearInvalidConfig: false, configFileMode: 0o600 }) }
  })

  if (throwawayDir) {
    const { passphrase } = await openThrowawayDemo(core)
    process.stdout.write(
      'Backdesk demo: a throwaway session with the Demo workspace. Nothing is kept: the data folder is deleted when the app quits.\n' +
        `Vault passphrase for this session (shown once, to unlock after the auto-lock): ${passphrase}\n`
    )
  }

  const windows = new Set<number>()
  registerIpc(
    ipcMain,
    core,
    createSenderCheck({ trustedWebContentsIds: () => windows, isAppUrl })
  )
  core.events.subscribe((topic, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (windows.has(win.webContents.id)) win.webContents.send(EVENT_CHANNEL_PREFIX + topic, payload)
    }
  })

  const openExternal = (url: string) => {
    if (isAllowedExternalUrl(url)) void platform.openExternal(url)
  }
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { isAppUrl, openExternal }))

  // OS lock and suspend lock the vault (when the vault service exists it listens to this event).
  powerMonitor.on('lock-screen', () => core.lockOnSystemEvent('the screen was locked'))
  powerMonitor.on('suspend', () => core.lockOnSystemEvent('the computer went to sleep'))

  // A window whose page holds unsaved edits asks before it closes or the app quits.
  const closeGuard = createCloseGuard(app, { unsavedEdits: core.unsavedEdits, logger: core.logger })
  // Our own menu instead of Electron's default: Reload and the developer tools in development only,
  // and Reload asks through the close guard before it drops unsaved edits.
  installAppMenu({
    platform: process.platform,
    packaged: app.isPackaged,
    appName: app.name,
    reload: (win, how) => closeGuard.reload(win, how)
  })

  const createWindow = () => {
    const saved = fitToDisplays(
      loadWindowState(app.getPath('userData')),
      screen.getAllDisplays().map((d) => d.workArea)
    )
    const win = new BrowserWindow({
      ...saved,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Backdesk',
      backgroundColor: '#1b1d21',
      // The three decisive settings are repeated literally so static scanners (electronegativity)
      // and reviewers see them here; secureWebPreferences holds the full, tested set.
      webPreferences: {
        ...secureWebPreferences(join(here, '../preload/index.cjs'), { devTools: !app.isPackaged }),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        disableBlinkFeatures: 'Auxclick'
      }
    })
    windows.add(win.webContents.id)
    const id = win.webContents.id
    if (saved.maximized) win.maximize()
    win.once('ready-to-show', () => win.show())
    win.on('close', () => {
      saveWindowState(app.getPath('userData'), { ...win.getNormalBounds(), maximized: win.isMaximized() })
    })
    win.on('closed', () => windows.delete(id))
    closeGuard.guard(win)
    void win.loadURL(devServerUrl ?? `${APP_PROTOCOL}://${APP_HOST}/index.html`)
    return win
  }

  let mainWindow = createWindow()
  function showMainWindow(): void {
    if (mainWindow.isDestroyed()) mainWindow = createWindow()
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }
  shellParts.tray = createAttentionTray({ open: showMainWindow, scanNow: () => void core.watch.scanNow(), quit: () => app.quit() })
  app.on('second-instance', () => {
    if (mainWindow.isDestroyed()) mainWindow = createWindow()
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => {
    shellParts.tray?.destroy()
    const disposed = core.dispose()
    if (throwawayDir) void disposed.finally(() => removeThrowawayDataDir(throwawayDir))
  })
}
