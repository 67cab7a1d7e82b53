// The Electron platform port against the stubbed `electron` module: the save dialog stands in for
// the user's choice (the file is really written), and main's own message box answers the question
// before an unknown link opens (the renderer cannot answer it).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as electron from 'electron'
import type * as ElectronStub from '../../stubs/electron'
import { electronPlatform, saveFileWithDialog } from '../../../src/main/electron/electron-platform'
import { cleanupDirs, makeCore, PASS, tmpDir } from '../vault/helpers'

const stub = electron as unknown as typeof ElectronStub
const request = { suggestedName: 'backdesk-2030-01-02.backdesk-bundle', filters: [{ name: 'Backdesk bundle', extensions: ['backdesk-bundle'] }], content: 'bundle text ü\n' }

afterEach(() => {
  stub.dialog.nextSavePath = null
  stub.dialog.saveCalls.length = 0
  stub.BrowserWindow.focused = null
  stub.dialog.shown.length = 0
  stub.dialog.response = 1
  cleanupDirs()
})

describe('saveFile (Electron)', () => {
  it('asks over the focused window and writes the file from main, user-only', async () => {
    const dir = tmpDir()
    const target = join(dir, 'chosen.backdesk-bundle')
    const focused = new stub.BrowserWindow()
    stub.BrowserWindow.focused = focused
    stub.dialog.nextSavePath = target
    expect(await saveFileWithDialog(request)).toEqual({ saved: true, path: target })
    expect(stub.dialog.saveCalls).toEqual([{ parent: focused, options: { title: expect.any(String), defaultPath: request.suggestedName, filters: request.filters } }])
    expect(readFileSync(target, 'utf8')).toBe(request.content)
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['chosen.backdesk-bundle']) // no temp file left behind
  })

  it('replaces a file the user chose to overwrite, and makes it user-only', async () => {
    const dir = tmpDir()
    const target = join(dir, 'old.backdesk-bundle')
    writeFileSync(target, 'an older, longer bundle that must be gone entirely', { mode: 0o644 })
    stub.dialog.nextSavePath = target
    await saveFileWithDialog(request)
    expect(readFileSync(target, 'utf8')).toBe(request.content)
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600)
  })

  it('writes nothing when the dialog is cancelled; asks without a parent when no window has focus', async () => {
    expect(await saveFileWithDialog(request)).toEqual({ saved: false })
    expect(stub.dialog.saveCalls).toHaveLength(1)
    expect(stub.dialog.saveCalls[0]?.parent).toBeNull()
  })

  it('is the port an export uses: the bundle goes to the file, the answer says where', async () => {
    const dir = tmpDir()
    const target = join(dir, 'export.backdesk-bundle')
    const t = await makeCore(tmpDir(), { saveFile: electronPlatform().saveFile! })
    await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
    await t.ok('connections.create', { provider: 'cloudback', name: 'Alpha', baseUrl: 'https://a.example', apiKey: 'electron-export-key-1' })
    stub.dialog.nextSavePath = target
    const answer = await t.ok('vault.export', { masterPassphrase: PASS, passphrase: 'bundle-otter-piano-31', confirm: 'bundle-otter-piano-31' })
    expect(answer).toEqual({ saved: true, path: target, fileName: expect.stringMatching(/\.backdesk-bundle$/), connections: 1, nodeCredentials: 0 })
    expect(stub.dialog.saveCalls[0]?.options.defaultPath).toBe(answer.fileName)
    expect(readFileSync(target, 'utf8')).toMatch(/^-----BEGIN BACKDESK BUNDLE-----\n/)
    expect(t.answers.join('\n')).not.toContain('BACKDESK BUNDLE')

    stub.dialog.nextSavePath = null
    const cancelled = await t.ok('vault.export', { masterPassphrase: PASS, passphrase: 'bundle-otter-piano-31', confirm: 'bundle-otter-piano-31' })
    expect(cancelled).toMatchObject({ saved: false, connections: 1 })
    expect(existsSync(join(dir, 'export.backdesk-bundle'))).toBe(true)
    await t.core.dispose()
  })
})

describe('electronPlatform().confirmOpenExternal', () => {
  it('asks with a native message box naming the host and the link; only "Open in browser" says yes', async () => {
    const platform = electronPlatform()
    const url = 'https://files.unknown.example/download/42?sig=abc'
    expect(await platform.confirmOpenExternal?.(url)).toBe(false)
    stub.dialog.response = 0
    expect(await platform.confirmOpenExternal?.(url)).toBe(true)
    expect(stub.dialog.shown).toHaveLength(2)
    expect(stub.dialog.shown[0]).toMatchObject({
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Open files.unknown.example in your browser?',
      detail: expect.stringContaining(url)
    })
  })
})
