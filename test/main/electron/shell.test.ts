// The Electron shell's security settings and IPC wiring, against the stubbed `electron` module
// (vitest aliases it). The same checks run against the real binary in test/electron where one exists.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as electron from 'electron'
import type * as ElectronStub from '../../stubs/electron'
import { createCore } from '../../../src/main/core/app/core'
import { headlessPlatform } from '../../../src/main/core/platform/platform'
import { resolveAppPath } from '../../../src/main/electron/app-protocol'
import { hardenSession, hardenWebContents } from '../../../src/main/electron/hardening'
import { createSenderCheck, registerIpc } from '../../../src/main/electron/ipc'
import { secureWebPreferences } from '../../../src/main/electron/web-preferences'
import { fitToDisplays, loadWindowState, saveWindowState } from '../../../src/main/electron/window-state'
import { CHANNEL_NAMES } from '../../../src/shared/contract'

const stub = electron as unknown as typeof ElectronStub

describe('window settings', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = secureWebPreferences('/x/preload/index.cjs')
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
    expect(prefs.preload).toMatch(/\.cjs$/)
  })

  it('keeps the developer tools closed unless a development build asks for them', () => {
    expect(secureWebPreferences('/x/preload/index.cjs').devTools).toBe(false)
    expect(secureWebPreferences('/x/preload/index.cjs', { devTools: false }).devTools).toBe(false)
    expect(secureWebPreferences('/x/preload/index.cjs', { devTools: true }).devTools).toBe(true)
  })
})

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const session = new stub.FakeSession()
    hardenSession(session as never)
    let granted: boolean | undefined
    session.permissionRequestHandler?.({}, 'media', (g) => (granted = g))
    expect(granted).toBe(false)
    expect(session.permissionCheckHandler?.()).toBe(false)
  })

  it('cancels network requests outside the app protocol', () => {
    const session = new stub.FakeSession()
    hardenSession(session as never)
    const verdict = (url: string) => {
      let cancel: boolean | undefined
      session.beforeRequest?.({ url }, (r) => (cancel = r.cancel))
      return cancel
    }
    expect(verdict('https://evil.example/x.js')).toBe(true)
    expect(verdict('http://127.0.0.1:9999/')).toBe(true)
    expect(verdict('app://backdesk/assets/index.js')).toBe(false)
  })
})

describe('web contents hardening', () => {
  const isAppUrl = (url: string) => url.startsWith('app://backdesk/')

  it('blocks navigation away from the app and denies window.open', () => {
    const contents = new stub.FakeWebContents()
    const opened: string[] = []
    hardenWebContents(contents as never, { isAppUrl, openExternal: (url) => opened.push(url) })
    let prevented = false
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/')
    expect(prevented).toBe(true)
    prevented = false
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'app://backdesk/index.html')
    expect(prevented).toBe(false)
    expect(contents.windowOpenHandler?.({ url: 'https://docs.cloudback.it/' })).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://docs.cloudback.it/'])
    let webviewPrevented = false
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) })
    expect(webviewPrevented).toBe(true)
  })
})

describe('IPC registration and sender validation', () => {
  it('registers exactly the contract channels and refuses untrusted senders', async () => {
    const core = await createCore({ shell: 'electron', dataDir: stub.app.getPath('userData'), versions: { node: '24' }, platform: headlessPlatform })
    stub.ipcMain.handlers.clear()
    const trusted = new stub.FakeWebContents()
    const check = createSenderCheck({
      trustedWebContentsIds: () => new Set([trusted.id]),
      isAppUrl: (url) => url.startsWith('app://backdesk/')
    })
    const registered = registerIpc(stub.ipcMain as never, core, check)
    expect(registered.sort()).toEqual([...CHANNEL_NAMES].sort())
    expect([...stub.ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())

    const registeredHandler = stub.ipcMain.handlers.get('app.ping')!
    // Answers cross as JSON text, which the preload parses.
    const handler = async (event: unknown, input: unknown) => JSON.parse((await registeredHandler(event, input)) as string) as unknown
    const ok = await handler({ sender: trusted, senderFrame: trusted.mainFrame }, undefined)
    expect(ok).toMatchObject({ ok: true })

    const stranger = new stub.FakeWebContents()
    expect(await handler({ sender: stranger, senderFrame: stranger.mainFrame }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' }
    })
    const subFrame = { url: 'app://backdesk/index.html' }
    expect(await handler({ sender: trusted, senderFrame: subFrame }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' }
    })
    const navigated = new stub.FakeWebContents()
    navigated.id = trusted.id
    navigated.mainFrame = { url: 'https://evil.example/' }
    expect(await handler({ sender: navigated, senderFrame: navigated.mainFrame }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' }
    })
    await core.dispose()
  })
})

describe('preload', () => {
  it('exposes one function per contract channel and topic, and nothing else', async () => {
    stub.contextBridge.exposed.clear()
    await import('../../../src/preload/index')
    const exposed = stub.contextBridge.exposed.get('backdesk') as {
      shell: string
      invoke: Record<string, (input?: unknown) => Promise<unknown>>
      on: Record<string, (listener: (p: unknown) => void) => () => void>
    }
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'on', 'shell'])
    expect(Object.keys(exposed.invoke).sort()).toEqual([...CHANNEL_NAMES].sort())
    expect(Object.isFrozen(exposed.invoke)).toBe(true)
    expect(await exposed.invoke['app.ping']!({})).toEqual({ ok: true, value: { channel: 'app.ping' } })
    expect(stub.ipcRenderer.invoked.at(-1)).toEqual(['app.ping', {}])
    const seen: unknown[] = []
    const off = exposed.on['app.notice']!((p) => seen.push(p))
    stub.ipcRenderer.emit('event:app.notice', { sender: 'must not leak' }, { level: 'info', message: 'hi' })
    off()
    stub.ipcRenderer.emit('event:app.notice', {}, { level: 'info', message: 'after' })
    expect(seen).toEqual([{ level: 'info', message: 'hi' }])
  })
})

describe('preload and IPC together', () => {
  it("give the page the plain values the web shell's answer text parses to", async () => {
    const core = await createCore({ shell: 'electron', dataDir: stub.app.getPath('userData'), versions: { node: '24' }, platform: headlessPlatform })
    stub.ipcMain.handlers.clear()
    const trusted = new stub.FakeWebContents()
    registerIpc(stub.ipcMain as never, core, createSenderCheck({ trustedWebContentsIds: () => new Set([trusted.id]), isAppUrl: () => true }))
    await import('../../../src/preload/index') // exposes the bridge on first import
    const exposed = stub.contextBridge.exposed.get('backdesk') as { invoke: Record<string, (input?: unknown) => Promise<unknown>> }
    const invoke = stub.ipcRenderer.invoke
    // The renderer's invoke reaches main's registered handler, as Electron would carry it.
    stub.ipcRenderer.invoke = async (channel: string, input: unknown) => stub.ipcMain.handlers.get(channel)!({ sender: trusted, senderFrame: trusted.mainFrame }, input) as string
    try {
      const about = await exposed.invoke['app.about']!()
      expect(about).toMatchObject({ ok: true, value: { dataDir: stub.app.getPath('userData') } })
      expect(about).toEqual(JSON.parse(await core.router.dispatchJson('app.about', undefined, 'web')))
      expect(await exposed.invoke['app.openExternal']!({ url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: expect.any(String) } })
    } finally {
      stub.ipcRenderer.invoke = invoke
      await core.dispose()
    }
  })
})

describe('app protocol', () => {
  it('serves only files inside the renderer folder', () => {
    const root = '/opt/backdesk/out/renderer'
    expect(resolveAppPath('app://backdesk/', root)).toBe(`${root}/index.html`)
    expect(resolveAppPath('app://backdesk/assets/a.js', root)).toBe(`${root}/assets/a.js`)
    expect(resolveAppPath('app://backdesk/../../etc/passwd', root)).toBe(`${root}/etc/passwd`)
    // URL parsing folds dot segments; an encoded slash survives parsing and must still be caught.
    expect(resolveAppPath('app://backdesk/%2e%2e/%2e%2e/etc/passwd', root)).toBe(`${root}/etc/passwd`)
    expect(resolveAppPath('app://backdesk/..%2f..%2f..%2fetc%2fpasswd', root)).toBeUndefined()
    expect(resolveAppPath('app://other/index.html', root)).toBeUndefined()
    expect(resolveAppPath('app://backdesk/a%00b', root)).toBeUndefined()
  })
})

describe('window state', () => {
  it('drops a position on a display that is gone and clamps the size', () => {
    const displays = [{ x: 0, y: 0, width: 1440, height: 900 }]
    expect(fitToDisplays({ x: 3000, y: 100, width: 1200, height: 800, maximized: false }, displays)).toEqual({
      width: 1200,
      height: 800,
      maximized: false
    })
    expect(fitToDisplays({ x: 10, y: 10, width: 2000, height: 1200, maximized: false }, displays)).toEqual({
      x: 10,
      y: 10,
      width: 1440,
      height: 900,
      maximized: false
    })
  })

  it.skipIf(process.platform === 'win32')('is saved for this user only, like every file in the data folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backdesk-window-'))
    try {
      const bounds = { x: 5, y: 6, width: 1300, height: 850, maximized: true }
      saveWindowState(dir, bounds)
      expect(statSync(join(dir, 'window-state.json')).mode & 0o777).toBe(0o600)
      expect(loadWindowState(dir)).toEqual(bounds)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
