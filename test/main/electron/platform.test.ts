import * as electron from 'electron'
import { afterEach, describe, expect, it } from 'vitest'
import { electronPlatform } from '../../../src/main/electron/electron-platform'
import type * as ElectronStub from '../../stubs/electron'

// The Electron platform port under the electron stand-in: a notification click brings the window
// forward before the core's handler runs; the tray count goes to the shell's hook.

const stub = electron as unknown as typeof ElectronStub

afterEach(() => {
  stub.Notification.isSupported = () => false
  stub.Notification.shown = []
})

describe('Electron platform', () => {
  it('shows a notification whose click focuses the window, then opens the list', () => {
    stub.Notification.isSupported = () => true
    const calls: string[] = []
    const platform = electronPlatform({ focusWindow: () => calls.push('focus') })
    platform.notify?.('Backdesk: 3 new backup failures', '3 new failures at Contoso', { onClick: () => calls.push('open') })
    expect(stub.Notification.shown.map((n) => n.options)).toEqual([{ title: 'Backdesk: 3 new backup failures', body: '3 new failures at Contoso', silent: false }])
    stub.Notification.shown[0]?.emit('click')
    expect(calls).toEqual(['focus', 'open'])
  })

  it('shows nothing where the OS has no notifications, and passes the tray count on', () => {
    const counts: Array<{ count: number; newFailures: number }> = []
    const platform = electronPlatform({ onAttention: (s) => counts.push(s) })
    platform.notify?.('t', 'b')
    expect(stub.Notification.shown).toEqual([])
    platform.setAttention?.({ count: 4, newFailures: 1 })
    expect(counts).toEqual([{ count: 4, newFailures: 1 }])
    expect(platform.saveFiles).toBeTypeOf('function')
  })
})
