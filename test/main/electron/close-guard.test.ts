// The Electron shell's close guard against the stubbed `electron` module: the page's report
// travels through the registered IPC handler as Electron would carry it, the window's `close`
// runs as Electron runs it, and the stubbed message box answers for the user.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as electron from 'electron'
import type * as ElectronStub from '../../stubs/electron'
import { createCore, type Core } from '../../../src/main/core/app/core'
import { headlessPlatform } from '../../../src/main/core/platform/platform'
import { createCloseGuard } from '../../../src/main/electron/close-guard'
import { createSenderCheck, registerIpc } from '../../../src/main/electron/ipc'

/** Every promise callback already queued has run (the stubbed message box answers at once). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve))

const stub = electron as unknown as typeof ElectronStub
type FakeWindow = InstanceType<typeof stub.BrowserWindow>
const DISCARD = 0
const KEEP_EDITING = 1

let core: Core
let dataDir: string
let guard: ReturnType<typeof createCloseGuard>
const windows = new Set<number>()

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'backdesk-close-'))
  core = await createCore({ shell: 'electron', dataDir, versions: { node: process.versions.node }, platform: headlessPlatform })
  stub.ipcMain.handlers.clear()
  windows.clear()
  registerIpc(stub.ipcMain as never, core, createSenderCheck({ trustedWebContentsIds: () => windows, isAppUrl: (url) => url.startsWith('app://backdesk/') }))
  stub.app.removeAllListeners('before-quit')
  stub.app.quitCalls = 0
  guard = createCloseGuard(stub.app, { unsavedEdits: core.unsavedEdits, logger: core.logger })
})

afterEach(async () => {
  stub.dialog.shown.length = 0
  stub.dialog.response = 1
  await core.dispose()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A window of ours, guarded as the shell guards each one. */
function openWindow(): FakeWindow {
  const win = new stub.BrowserWindow()
  windows.add(win.webContents.id)
  guard.guard(win as never)
  return win
}

/** The page in `win` reports its unsaved editors, through the channel's registered handler. */
async function report(win: FakeWindow, editors: string[]): Promise<unknown> {
  const handler = stub.ipcMain.handlers.get('app.unsavedEdits.report')!
  const sender = win.webContents
  return JSON.parse((await handler({ sender, senderFrame: sender.mainFrame }, { editors })) as string)
}

describe('closing a window (Electron)', () => {
  it('closes at once when the page reported nothing unsaved, or took its edits back', async () => {
    const win = openWindow()
    win.close()
    expect(win.isDestroyed()).toBe(true)
    expect(stub.dialog.shown).toEqual([])

    const second = openWindow()
    expect(await report(second, ['the new connection'])).toEqual({ ok: true, value: { kept: true } })
    expect(await report(second, [])).toEqual({ ok: true, value: { kept: true } })
    second.close()
    expect(second.isDestroyed()).toBe(true)
    expect(stub.dialog.shown).toEqual([])
  })

  it('asks, naming the editor; Keep editing keeps the window, Discard and close closes it', async () => {
    const win = openWindow()
    await report(win, ['the connection “Contoso”'])
    stub.dialog.response = KEEP_EDITING
    win.close()
    expect(win.isDestroyed()).toBe(false)
    await settled()
    expect(win.isDestroyed()).toBe(false)
    expect(stub.dialog.shown).toHaveLength(1)
    expect(stub.dialog.shown[0]).toMatchObject({
      message: 'You have unsaved edits in the connection “Contoso”. Discard them and close?',
      buttons: ['Discard and close', 'Keep editing'],
      defaultId: KEEP_EDITING,
      cancelId: KEEP_EDITING
    })
    // Kept open, and asked again at the next close.
    stub.dialog.response = DISCARD
    win.close()
    await settled()
    expect(win.isDestroyed()).toBe(true)
    expect(stub.dialog.shown).toHaveLength(2)
    expect(stub.app.quitCalls).toBe(0)
  })

  it('asks only about its own page: another window’s report does not hold it', async () => {
    const edited = openWindow()
    const other = openWindow()
    await report(edited, ['the new connection'])
    other.close()
    expect(other.isDestroyed()).toBe(true)
    expect(stub.dialog.shown).toEqual([])
    edited.close()
    expect(edited.isDestroyed()).toBe(false)
  })

  it('shows one question at a time: a second close while it asks waits for the answer', async () => {
    const win = openWindow()
    await report(win, ['the new connection'])
    let answer: (response: number) => void = () => undefined
    const asked: unknown[] = []
    const slow = createCloseGuard(stub.app, {
      unsavedEdits: core.unsavedEdits,
      logger: core.logger,
      ask: (_win, question) => {
        asked.push(question)
        return new Promise<number>((resolve) => (answer = resolve))
      }
    })
    const slowWin = new stub.BrowserWindow()
    windows.add(slowWin.webContents.id)
    slow.guard(slowWin as never)
    await report(slowWin, ['the new connection'])
    slowWin.close()
    slowWin.close()
    expect(asked).toHaveLength(1)
    expect(slowWin.isDestroyed()).toBe(false)
    answer(DISCARD)
    await settled()
    expect(slowWin.isDestroyed()).toBe(true)
    expect(asked).toHaveLength(1)
  })

  it('closes without asking when the page has crashed, and forgets what a page reported once it is gone', async () => {
    const crashed = openWindow()
    await report(crashed, ['the new connection'])
    expect(core.unsavedEdits.editorsOf(String(crashed.webContents.id))).toEqual(['the new connection'])
    crashed.webContents.crashed = true
    crashed.close()
    expect(crashed.isDestroyed()).toBe(true)
    expect(stub.dialog.shown).toEqual([])

    const reloaded = openWindow()
    await report(reloaded, ['the new connection'])
    expect(core.unsavedEdits.editorsOf(String(reloaded.webContents.id))).toEqual(['the new connection'])
    reloaded.webContents.emit('did-navigate')
    expect(core.unsavedEdits.editorsOf(String(reloaded.webContents.id))).toEqual([])
    const gone = openWindow()
    await report(gone, ['the new connection'])
    gone.webContents.emit('render-process-gone')
    expect(core.unsavedEdits.editorsOf(String(gone.webContents.id))).toEqual([])
  })

  it('closes when the question cannot be shown: no window stays open for good', async () => {
    const failing = createCloseGuard(stub.app, { unsavedEdits: core.unsavedEdits, logger: core.logger, ask: () => Promise.reject(new Error('no display')) })
    const win = new stub.BrowserWindow()
    windows.add(win.webContents.id)
    failing.guard(win as never)
    expect(await report(win, ['the new connection'])).toEqual({ ok: true, value: { kept: true } })
    win.close()
    await settled()
    expect(win.isDestroyed()).toBe(true)
  })
})

describe('quitting (Electron)', () => {
  /** What app.quit does in Electron: before-quit, then every window is closed. */
  const quit = (...wins: FakeWindow[]) => {
    stub.app.emit('before-quit')
    for (const win of wins) win.close()
  }

  it('asks before the quit closes a window with unsaved edits; Discard and close quits again', async () => {
    const win = openWindow()
    await report(win, ['the settings of GitHub repository acme/api'])
    stub.dialog.response = DISCARD
    quit(win)
    // The close was held back, which cancels Electron's quit: the answer starts it again.
    expect(win.isDestroyed()).toBe(false)
    await settled()
    expect(stub.app.quitCalls).toBe(1)
    expect(win.isDestroyed()).toBe(false)
    expect(stub.dialog.shown).toHaveLength(1)
    quit(win)
    expect(win.isDestroyed()).toBe(true)
    expect(stub.dialog.shown).toHaveLength(1)
  })

  it('Keep editing cancels the quit: a later close of the window alone does not quit', async () => {
    const win = openWindow()
    await report(win, ['the new connection'])
    stub.dialog.response = KEEP_EDITING
    quit(win)
    await settled()
    expect(stub.dialog.shown).toHaveLength(1)
    expect(win.isDestroyed()).toBe(false)
    stub.dialog.response = DISCARD
    win.close()
    await settled()
    expect(win.isDestroyed()).toBe(true)
    expect(stub.app.quitCalls).toBe(0)
  })
})

describe('reloading (Electron, development builds)', () => {
  it('reloads at once when nothing is unsaved, and when the page has crashed (the reload brings it back)', async () => {
    const win = openWindow()
    guard.reload(win as never, { ignoringCache: false })
    expect(win.webContents.reloads).toEqual(['reload'])

    const crashed = openWindow()
    await report(crashed, ['the new connection'])
    crashed.webContents.crashed = true
    guard.reload(crashed as never, { ignoringCache: true })
    expect(crashed.webContents.reloads).toEqual(['ignoring cache'])
    expect(stub.dialog.shown).toEqual([])
  })

  it('asks about the unsaved edits: Keep editing keeps the page, Discard and reload reloads it', async () => {
    const win = openWindow()
    await report(win, ['the connection “Contoso”'])
    stub.dialog.response = KEEP_EDITING
    guard.reload(win as never, { ignoringCache: false })
    await settled()
    expect(stub.dialog.shown).toEqual([expect.objectContaining({ message: 'You have unsaved edits in the connection “Contoso”. Discard them and reload?' })])
    expect(win.webContents.reloads).toEqual([])

    stub.dialog.response = DISCARD
    guard.reload(win as never, { ignoringCache: false })
    await settled()
    expect(win.webContents.reloads).toEqual(['reload'])
    // Discarding for a reload is not discarding for a close: closing now asks again.
    stub.dialog.response = KEEP_EDITING
    win.close()
    await settled()
    expect(stub.dialog.shown).toHaveLength(3)
    expect(win.isDestroyed()).toBe(false)
  })

  it('shows one question at a time: a reload while the close question shows does nothing, nor a close while the reload question shows', async () => {
    const answers: Array<(response: number) => void> = []
    const asked: Array<{ message: string }> = []
    const slow = createCloseGuard(stub.app, {
      unsavedEdits: core.unsavedEdits,
      logger: core.logger,
      ask: (_win, question) => {
        asked.push(question)
        return new Promise<number>((resolve) => answers.push(resolve))
      }
    })
    const win = new stub.BrowserWindow()
    windows.add(win.webContents.id)
    slow.guard(win as never)
    await report(win, ['the new connection'])

    win.close()
    slow.reload(win as never, { ignoringCache: false })
    expect(asked).toHaveLength(1)
    answers[0]!(KEEP_EDITING)
    await settled()
    expect(win.webContents.reloads).toEqual([])

    slow.reload(win as never, { ignoringCache: false })
    win.close()
    expect(asked).toHaveLength(2)
    expect(asked[1]!.message).toMatch(/Discard them and reload\?$/)
    expect(win.isDestroyed()).toBe(false)
    answers[1]!(DISCARD)
    await settled()
    expect(win.webContents.reloads).toEqual(['reload'])
    expect(win.isDestroyed()).toBe(false)
  })

  it('keeps the page when the question cannot be shown: nothing is stuck, so nothing is dropped', async () => {
    const failing = createCloseGuard(stub.app, { unsavedEdits: core.unsavedEdits, logger: core.logger, ask: () => Promise.reject(new Error('no display')) })
    const win = new stub.BrowserWindow()
    windows.add(win.webContents.id)
    failing.guard(win as never)
    await report(win, ['the new connection'])
    failing.reload(win as never, { ignoringCache: false })
    await settled()
    expect(win.webContents.reloads).toEqual([])
  })
})
