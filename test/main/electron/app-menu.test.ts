// The application menu against the stubbed `electron` module: what a packaged build and a
// development build offer on macOS and elsewhere, that the shell replaces Electron's default menu
// (whose Reload and developer tools a packaged build must not have), and that the development
// Reload asks through the close guard before it drops unsaved edits.
import { afterEach, describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import * as electron from 'electron'
import type * as ElectronStub from '../../stubs/electron'
import { UnsavedEdits } from '../../../src/main/core/app/close-guard'
import { silentLogger } from '../../../src/main/core/log/logger'
import { appMenuTemplate, installAppMenu, type AppMenuOptions } from '../../../src/main/electron/app-menu'
import { createCloseGuard } from '../../../src/main/electron/close-guard'

const stub = electron as unknown as typeof ElectronStub
type FakeWindow = InstanceType<typeof stub.BrowserWindow>
type Item = MenuItemConstructorOptions

/** Every promise callback already queued has run (the stubbed message box answers at once). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve))

const PLATFORMS: NodeJS.Platform[] = ['darwin', 'win32', 'linux']
const options = (over: Partial<AppMenuOptions>): AppMenuOptions => ({
  platform: 'win32',
  packaged: true,
  appName: 'Backdesk',
  reload: () => undefined,
  ...over
})

/** Every item of the menu, submenus included. */
function allItems(template: readonly Item[]): Item[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])])
}
const submenuOf = (template: readonly Item[], label: string): Item[] => {
  const menu = template.find((item) => item.label === label)
  expect(menu, `a ${label} menu`).toBeDefined()
  return menu!.submenu as Item[]
}
const roles = (items: readonly Item[]) => items.flatMap((item) => (item.role ? [item.role] : []))
const reloadItem = (template: readonly Item[], id: string) => allItems(template).find((item) => item.id === id)

afterEach(() => {
  stub.Menu.applicationMenu = null
  stub.dialog.shown.length = 0
  stub.dialog.response = 1
})

describe('the application menu', () => {
  it('replaces Electron’s default menu: the shell sets its own', () => {
    expect(stub.Menu.getApplicationMenu()).toBeNull()
    installAppMenu(options({ platform: 'linux', packaged: true }))
    const menu = stub.Menu.getApplicationMenu()
    expect(menu).not.toBeNull()
    expect(menu!.template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window'])
    expect(allItems(menu!.template as Item[]).some((item) => item.role === 'reload' || item.role === 'toggleDevTools')).toBe(false)
  })

  it.each(PLATFORMS)('has no Reload, Force Reload or developer tools when packaged (%s), and no key that reloads', (platform) => {
    const items = allItems(appMenuTemplate(options({ platform, packaged: true })))
    for (const role of ['reload', 'forceReload', 'toggleDevTools'] as const) expect(roles(items)).not.toContain(role)
    expect(items.filter((item) => item.id === 'reload' || item.id === 'force-reload')).toEqual([])
    // No item carries a key of its own (the roles' keys are the usual copy, zoom, quit…).
    expect(items.map((item) => item.accelerator).filter(Boolean)).toEqual([])
    expect(items.map((item) => item.label)).not.toContain('Help')
  })

  it.each(PLATFORMS)('offers Reload, Force Reload and the developer tools in development (%s)', (platform) => {
    const template = appMenuTemplate(options({ platform, packaged: false }))
    const view = submenuOf(template, 'View')
    expect(view.slice(0, 3)).toMatchObject([
      { id: 'reload', label: 'Reload', accelerator: 'CmdOrCtrl+R' },
      { id: 'force-reload', label: 'Force Reload', accelerator: 'Shift+CmdOrCtrl+R' },
      { role: 'toggleDevTools' }
    ])
  })

  it.each(PLATFORMS)('has the Edit commands text fields need, and the zoom commands (%s)', (platform) => {
    const template = appMenuTemplate(options({ platform }))
    expect(roles(submenuOf(template, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'])
    expect(roles(submenuOf(template, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
  })

  it('on macOS: the app menu first, Close Window in File, the window list in Window', () => {
    const template = appMenuTemplate(options({ platform: 'darwin' }))
    expect(template.map((item) => item.label)).toEqual(['Backdesk', 'File', 'Edit', 'View', 'Window'])
    expect(roles(submenuOf(template, 'Backdesk'))).toEqual(['about', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(roles(submenuOf(template, 'File'))).toEqual(['close'])
    expect(template.at(-1)).toMatchObject({ label: 'Window', role: 'window' })
    expect(roles(submenuOf(template, 'Window'))).toEqual(['minimize', 'zoom', 'front'])
  })

  it.each(['win32', 'linux'] as const)('on %s: Quit in File, Close in Window, none of the macOS-only items', (platform) => {
    const template = appMenuTemplate(options({ platform }))
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window'])
    expect(roles(submenuOf(template, 'File'))).toEqual(['quit'])
    expect(roles(submenuOf(template, 'Window'))).toEqual(['minimize', 'close'])
    for (const role of ['about', 'hide', 'hideOthers', 'unhide', 'zoom', 'front', 'window'] as const) {
      expect(roles(allItems(template))).not.toContain(role)
    }
  })
})

describe('Reload in development', () => {
  /** The menu as the shell builds it, its Reload going through a close guard that watches `win`. */
  function menuGuarding(win: FakeWindow, edits: UnsavedEdits) {
    const guard = createCloseGuard(stub.app, { unsavedEdits: edits, logger: silentLogger })
    guard.guard(win as never)
    return appMenuTemplate(options({ packaged: false, reload: (target, how) => guard.reload(target as never, how) }))
  }
  const click = (item: Item | undefined, win: FakeWindow | undefined) => item!.click!(item as never, win as never, {} as never)

  it('reloads the window it was chosen in at once when nothing is unsaved', () => {
    const win = new stub.BrowserWindow()
    const template = menuGuarding(win, new UnsavedEdits())
    click(reloadItem(template, 'reload'), win)
    click(reloadItem(template, 'force-reload'), win)
    expect(win.webContents.reloads).toEqual(['reload', 'ignoring cache'])
    expect(stub.dialog.shown).toEqual([])
    // Chosen with no window focused: nothing to reload.
    click(reloadItem(template, 'reload'), undefined)
    expect(win.webContents.reloads).toHaveLength(2)
  })

  it('asks the close guard’s question first when the page holds unsaved edits', async () => {
    const win = new stub.BrowserWindow()
    const edits = new UnsavedEdits()
    edits.report(String(win.webContents.id), ['the new connection'])
    const template = menuGuarding(win, edits)
    stub.dialog.response = 1 // Keep editing
    click(reloadItem(template, 'reload'), win)
    await settled()
    expect(stub.dialog.shown).toHaveLength(1)
    expect(stub.dialog.shown[0]).toMatchObject({
      message: 'You have unsaved edits in the new connection. Discard them and reload?',
      buttons: ['Discard and reload', 'Keep editing'],
      defaultId: 1,
      cancelId: 1
    })
    expect(win.webContents.reloads).toEqual([])

    stub.dialog.response = 0 // Discard and reload
    click(reloadItem(template, 'force-reload'), win)
    await settled()
    expect(stub.dialog.shown).toHaveLength(2)
    expect(win.webContents.reloads).toEqual(['ignoring cache'])
    expect(win.isDestroyed()).toBe(false)
  })
})
