import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, onTestFinished } from 'vitest'
import { UnlockScreen } from '../../../../src/renderer/src/features/vault/UnlockScreen'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded, received } from '../../../../src/renderer/src/store/resource'
import type { VaultStatus } from '../../../../src/shared/contract/vault.contract'
import { installFakeBridge, MainError } from '../../fake-bridge'

const locked: VaultStatus = { state: 'locked', vaultFile: '/data/vault.json', backupFile: null, deviceUnlock: false, deviceUnlockSupported: false }

function renderLocked(): void {
  useStore.setState({ vault: received(notLoaded(), locked) })
  onTestFinished(() => useStore.setState({ vault: notLoaded() }))
  render(<UnlockScreen />)
}

function tryPassphrase(passphrase: string): void {
  fireEvent.change(screen.getByLabelText('Master passphrase'), { target: { value: passphrase } })
  fireEvent.click(screen.getByRole('button', { name: 'Unlock' }))
}

describe('UnlockScreen: wrong and throttled passphrases', () => {
  it('says the wait of a throttled attempt once, as main words it', async () => {
    installFakeBridge({
      'vault.unlock': () => {
        throw new MainError({ code: 'THROTTLED', message: 'Too many wrong passphrases. Try again in 4 seconds.', retryable: true, details: { retryAfterMs: 3200, failures: 4 } })
      }
    })
    renderLocked()
    tryPassphrase('still not it')
    expect((await screen.findByRole('alert')).textContent).toBe('Too many wrong passphrases. Try again in 4 seconds.')
  })

  it('says when a wrong passphrase makes the next attempt wait', async () => {
    installFakeBridge({
      'vault.unlock': () => {
        throw new MainError({ code: 'WRONG_PASSPHRASE', message: 'That passphrase is not correct.', retryable: false, details: { failures: 4, retryAfterMs: 2000 } })
      }
    })
    renderLocked()
    tryPassphrase('not it either')
    expect((await screen.findByRole('alert')).textContent).toBe('That passphrase is not correct. Wait 2 s before trying again.')
  })

  it('says only that it is wrong while attempts are still free', async () => {
    installFakeBridge({
      'vault.unlock': () => {
        throw new MainError({ code: 'WRONG_PASSPHRASE', message: 'That passphrase is not correct.', retryable: false, details: { failures: 1, retryAfterMs: 0 } })
      }
    })
    renderLocked()
    tryPassphrase('a first guess')
    expect((await screen.findByRole('alert')).textContent).toBe('That passphrase is not correct.')
  })
})
