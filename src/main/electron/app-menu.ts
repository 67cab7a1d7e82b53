// The application menu. Without one Electron shows its default menu, whose View menu reloads the
// page (Ctrl/Cmd+R, dropping unsaved edits without a word) and opens the developer tools, in
// packaged builds too. Ours has the usual commands for each platform, and Reload, Force Reload and
// Toggle Developer Tools only in development. Chromium's own reload keys are not wired in Electron:
// with no menu item holding Ctrl/Cmd+R or F5, those keys do nothing, so no `before-input-event`
// filter is needed.
import { BrowserWindow, Menu, type BaseWindow, type MenuItemConstructorOptions } from 'electron'

export interface AppMenuOptions {
  platform: NodeJS.Platform
  /** `app.isPackaged`: a packaged build has no Reload and no developer tools. */
  packaged: boolean
  /** The macOS app menu's title (`app.name`). */
  appName: string
  /** Reloads the window's page, asking first when it holds unsaved edits (the close guard's `reload`). */
  reload: (win: BrowserWindow, how: { ignoringCache: boolean }) => void
}

const separator: MenuItemConstructorOptions = { type: 'separator' }

/**
 * The menu's template. macOS gets the app menu (About, Hide, Quit…) and Close Window in File; the
 * other platforms Quit in File and Close in Window. Edit is there on every platform: on macOS the
 * clipboard keys of text fields only work through its items. No Help menu: Backdesk has no
 * documentation site of its own to link to.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const reload = (ignoringCache: boolean) => (_item: unknown, win: BaseWindow | undefined) => {
    if (win instanceof BrowserWindow) options.reload(win, { ignoringCache })
  }
  const development: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [
        { id: 'reload', label: 'Reload', accelerator: 'CmdOrCtrl+R', click: reload(false) },
        { id: 'force-reload', label: 'Force Reload', accelerator: 'Shift+CmdOrCtrl+R', click: reload(true) },
        { role: 'toggleDevTools' },
        separator
      ]
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [{ role: 'about' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }]
        }
      ]
    : []
  return [
    ...appMenu,
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }]
    },
    {
      label: 'View',
      submenu: [...development, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }]
    },
    mac
      ? { label: 'Window', role: 'window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] }
      : { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] }
  ]
}

/** Replaces Electron's default menu with ours (call once the app is ready). */
export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)))
}
