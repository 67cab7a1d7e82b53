// The Electron platform's question before opening an unknown link, against the stubbed
// `electron` module (vitest aliases it): main's own message box, which the renderer cannot answer.
import * as electron from 'electron'
import { afterEach, describe, expect, it } from 'vitest'
import { electronPlatform } from '../../../src/main/electron/electron-platform'
import type * as ElectronStub from '../../stubs/electron'

const stub = electron as unknown as typeof ElectronStub

afterEach(() => {
  stub.dialog.shown.length = 0
  stub.dialog.response = 1
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
