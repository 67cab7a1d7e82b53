// A stand-in for the `electron` module under plain Node (vitest aliases `electron` here): the
// real package downloads its binary on import and dies on machines without one. Records what the
// shell asks of Electron so tests can check the hardening and the IPC wiring.
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

type Handler = (event: unknown, ...args: unknown[]) => unknown

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel)
  }
}

const userData = mkdtempSync(join(tmpdir(), 'backdesk-electron-stub-'))

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: (_name: string) => userData,
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => true,
  enableSandbox: () => undefined,
  /** How many times the shell asked to quit (Electron would then emit before-quit and close every window). */
  quitCalls: 0,
  quit() {
    app.quitCalls += 1
  }
})

export const safeStorage = {
  available: false,
  backend: 'basic_text',
  isEncryptionAvailable() {
    return this.available
  },
  getSelectedStorageBackend() {
    return this.backend
  },
  encryptString: (text: string) => Buffer.from(`sealed:${text}`),
  decryptString: (buf: Buffer) => buf.toString().replace(/^sealed:/, '')
}

export const clipboard = {
  text: '',
  writeText(text: string) {
    this.text = text
  },
  readText() {
    return this.text
  }
}

export const shell = { opened: [] as string[], openExternal: async (url: string) => void shell.opened.push(url) }

export class Notification extends EventEmitter {
  static isSupported = () => false
  /** Every notification shown, for tests that turn isSupported on. */
  static shown: Notification[] = []
  constructor(readonly options: { title: string; body: string; silent?: boolean } = { title: '', body: '' }) {
    super()
  }
  show(): void {
    Notification.shown.push(this)
  }
}

/** A fake WebContents recording the listeners the shell installs. */
export class FakeWebContents extends EventEmitter {
  static nextId = 1
  id = FakeWebContents.nextId++
  windowOpenHandler?: (details: { url: string }) => { action: 'allow' | 'deny' }
  mainFrame = { url: 'app://backdesk/index.html' }
  sent: Array<[string, unknown]> = []
  /** Every reload asked of the page, in order. */
  reloads: Array<'reload' | 'ignoring cache'> = []
  /** Set by a test whose renderer process has died (Electron emits render-process-gone too). */
  crashed = false
  destroyed = false
  isCrashed() {
    return this.crashed
  }
  isDestroyed() {
    return this.destroyed
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload])
  }
  reload() {
    this.reloads.push('reload')
  }
  reloadIgnoringCache() {
    this.reloads.push('ignoring cache')
  }
}

export class FakeSession {
  permissionRequestHandler?: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void
  permissionCheckHandler?: () => boolean
  deviceHandler?: () => boolean
  beforeRequest?: (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler
  }
  setDevicePermissionHandler(handler: FakeSession['deviceHandler']) {
    this.deviceHandler = handler
  }
  webRequest = {
    onBeforeRequest: (handler: FakeSession['beforeRequest']) => {
      this.beforeRequest = handler
    }
  }
}

export const session = { defaultSession: new FakeSession() }
export const protocol = { registerSchemesAsPrivileged: () => undefined, handle: () => undefined }
export const powerMonitor = new EventEmitter()
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] }
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, value: unknown) {
    this.exposed.set(key, value)
  }
}
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoked: [] as Array<[string, unknown]>,
  async invoke(channel: string, input: unknown) {
    ipcRenderer.invoked.push([channel, input])
    return JSON.stringify({ ok: true, value: { channel } })
  }
})
/**
 * A window as far as the shell's tests need one: its web contents, and `close()` as Electron runs
 * it: the `close` event first, which may keep the window open (`preventDefault`), else `closed`.
 */
export class BrowserWindow extends EventEmitter {
  webContents = new FakeWebContents()
  private destroyed = false
  close(): void {
    if (this.destroyed) return
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (prevented) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  static getAllWindows = () => [] as BrowserWindow[]
  /** Tests set this to stand for the window the user is looking at. */
  static focused: BrowserWindow | null = null
  static getFocusedWindow = () => BrowserWindow.focused
}

/** A built menu keeps the template it was built from, for tests to read. */
export interface FakeMenu {
  template: Array<Record<string, unknown>>
}

/** Records the application menu the shell sets (null until it sets one: Electron's default menu). */
export const Menu = {
  applicationMenu: null as FakeMenu | null,
  buildFromTemplate: (template: Array<Record<string, unknown>>): FakeMenu => ({ template }),
  setApplicationMenu(menu: FakeMenu | null) {
    Menu.applicationMenu = menu
  },
  getApplicationMenu: () => Menu.applicationMenu
}

type SaveDialogOptions = { title?: string; defaultPath?: string; filters?: Array<{ name: string; extensions: string[] }> }

/**
 * The OS dialogs: tests say what the user will pick (`nextSavePath`, null = Cancel; `response`, the
 * button a message box answers) and read what was asked.
 */
export const dialog = {
  shown: [] as Array<Record<string, unknown>>,
  response: 1,
  async showMessageBox(...args: unknown[]) {
    dialog.shown.push(args.at(-1) as Record<string, unknown>)
    return { response: dialog.response, checkboxChecked: false }
  },
  nextSavePath: null as string | null,
  saveCalls: [] as Array<{ parent: BrowserWindow | null; options: SaveDialogOptions }>,
  async showSaveDialog(...args: [BrowserWindow, SaveDialogOptions] | [SaveDialogOptions]) {
    const [parent, options] = args.length === 2 ? args : [null, args[0]]
    dialog.saveCalls.push({ parent, options })
    const path = dialog.nextSavePath
    return path === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: path }
  }
}

export default {
  ipcMain,
  app,
  safeStorage,
  clipboard,
  shell,
  dialog,
  Notification,
  session,
  protocol,
  powerMonitor,
  screen,
  contextBridge,
  ipcRenderer,
  BrowserWindow,
  Menu
}
