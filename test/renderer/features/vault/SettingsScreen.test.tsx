import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SettingsScreen } from '../../../../src/renderer/src/features/vault/SettingsScreen'
import { installFakeBridge, MainError } from '../../fake-bridge'
import { lockVault, startUnlocked, unlockVault } from '../../vault-state'

const notABundle = 'This is not a Backdesk export bundle, or it was cut short.'

describe('SettingsScreen: importing a bundle', () => {
  it('says under each field what it needs, instead of a button that does nothing', () => {
    const bridge = installFakeBridge({})
    render(<SettingsScreen />)
    fireEvent.click(screen.getByRole('button', { name: 'Preview import' }))
    expect(screen.getByText('Choose the bundle file exported on the other computer.')).toBeTruthy()
    expect(screen.getByText('Enter the passphrase chosen when the bundle was exported.')).toBeTruthy()
    expect(bridge.callsTo('vault.importPreview')).toEqual([])
  })

  it('puts main’s refusal of the file under the file field, and choosing another file clears it', async () => {
    const bridge = installFakeBridge({
      'vault.importPreview': () => {
        throw new MainError({ code: 'VALIDATION', message: notABundle, retryable: false, details: { issues: [{ path: 'bundle', message: notABundle }] } })
      }
    })
    render(<SettingsScreen />)
    const file = screen.getByLabelText('Bundle file')
    fireEvent.change(file, { target: { files: [new File(['hello'], 'notes.txt')] } })
    fireEvent.change(document.getElementById('import-pass')!, { target: { value: 'correct horse battery' } })
    // The file is read asynchronously; the preview goes once it is.
    await waitFor(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Preview import' }))
      expect(bridge!.callsTo('vault.importPreview')).toHaveLength(1)
    })
    await waitFor(() => expect(screen.getAllByText(notABundle)).toHaveLength(1))
    expect(file.getAttribute('aria-invalid')).toBe('true')
    fireEvent.change(file, { target: { files: [new File(['other'], 'bundle.backdesk')] } })
    expect(screen.queryByText(notABundle)).toBeNull()
  })
})

describe('SettingsScreen: a previewed bundle', () => {
  /** Chooses a bundle of one connection and one node password, and previews it. */
  async function previewOneConnection() {
    const bridge = installFakeBridge({
      'vault.importPreview': () => ({
        exportedAt: '2026-12-01T09:00:00.000Z',
        connections: [{ id: 'c1', name: 'Contoso repos', provider: 'cloudback', customer: 'Contoso', baseUrl: 'https://api.cloudback.it', conflict: 'none' }],
        nodeCredentials: 1
      }),
      'vault.import': () => ({ mode: 'merge', added: 1, overwritten: 0, skipped: 0, total: 1 }),
      'connections.list': () => []
    })
    render(<SettingsScreen />)
    fireEvent.change(screen.getByLabelText('Bundle file'), { target: { files: [new File(['sealed'], 'contoso.backdesk-bundle')] } })
    fireEvent.change(document.getElementById('import-pass')!, { target: { value: 'correct horse battery' } })
    await waitFor(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Preview import' }))
      expect(bridge.callsTo('vault.importPreview')).toHaveLength(1)
    })
    return { bridge, preview: await screen.findByTestId('import-preview') }
  }

  it('counts one connection and one node password in the singular', async () => {
    const { preview } = await previewOneConnection()
    expect(preview.textContent).toMatch(/: 1 connection, 1 node password\./)
  })

  it('empties the file field with the rest once imported, so it does not show a file the next preview would not use', async () => {
    const { bridge } = await previewOneConnection()
    fireEvent.click(screen.getByRole('button', { name: 'Merge into this vault' }))
    await waitFor(() => expect(screen.queryByTestId('import-preview')).toBeNull())
    expect(bridge.callsTo('vault.import')).toHaveLength(1)
    const file = screen.getByLabelText('Bundle file') as HTMLInputElement
    expect(file.files?.length ?? 0).toBe(0)
    expect((document.getElementById('import-pass') as HTMLInputElement).value).toBe('')
  })
})

describe('SettingsScreen: changing the master passphrase', () => {
  it('says beside the empty current passphrase what it needs, and sends nothing', () => {
    const bridge = installFakeBridge({})
    render(<SettingsScreen />)
    fireEvent.change(screen.getByLabelText('New passphrase'), { target: { value: 'violet lantern orbit cascade' } })
    fireEvent.change(screen.getByLabelText('Repeat the new passphrase'), { target: { value: 'violet lantern orbit cascade' } })
    fireEvent.click(screen.getByRole('button', { name: 'Change passphrase' }))
    const current = screen.getByLabelText('Current passphrase')
    expect(current.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById('pass-current-problem')?.textContent).toBe('Enter a value.')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(bridge.callsTo('vault.changePassphrase')).toEqual([])
    fireEvent.change(current, { target: { value: 'the old one' } })
    expect(document.getElementById('pass-current-problem')).toBeNull()
  })

  it('puts main’s refusal of one field beside that field, not in a banner', async () => {
    installFakeBridge({
      'vault.changePassphrase': () => {
        throw new MainError({ code: 'VALIDATION', message: 'Current passphrase: Use at most 1024 characters.', retryable: false, details: { issues: [{ path: 'current', message: 'Use at most 1024 characters.' }] } })
      }
    })
    render(<SettingsScreen />)
    fireEvent.change(screen.getByLabelText('Current passphrase'), { target: { value: 'x' } })
    fireEvent.change(screen.getByLabelText('New passphrase'), { target: { value: 'violet lantern orbit cascade' } })
    fireEvent.change(screen.getByLabelText('Repeat the new passphrase'), { target: { value: 'violet lantern orbit cascade' } })
    fireEvent.click(screen.getByRole('button', { name: 'Change passphrase' }))
    await waitFor(() => expect(document.getElementById('pass-current-problem')?.textContent).toBe('Use at most 1024 characters.'))
    expect(screen.queryByText(/Current passphrase:/)).toBeNull()
  })

  it('says how long to wait when a wrong current passphrase starts the throttle', async () => {
    installFakeBridge({
      'vault.changePassphrase': () => {
        throw new MainError({ code: 'WRONG_PASSPHRASE', message: 'The current passphrase is not correct.', retryable: false, details: { failures: 4, retryAfterMs: 2000 } })
      }
    })
    render(<SettingsScreen />)
    fireEvent.change(screen.getByLabelText('Current passphrase'), { target: { value: 'not the one' } })
    fireEvent.change(screen.getByLabelText('New passphrase'), { target: { value: 'violet lantern orbit cascade' } })
    fireEvent.change(screen.getByLabelText('Repeat the new passphrase'), { target: { value: 'violet lantern orbit cascade' } })
    fireEvent.click(screen.getByRole('button', { name: 'Change passphrase' }))
    const form = screen.getByRole('region', { name: 'Master passphrase' })
    expect((await within(form).findByRole('alert')).textContent).toBe('The current passphrase is not correct. Wait 2 s before trying again.')
  })
})

describe('SettingsScreen: the vault locks while passphrases are typed', () => {
  it('empties every passphrase field, and keeps the rest of the half-filled forms', () => {
    installFakeBridge({})
    startUnlocked()
    render(<SettingsScreen />)
    const passphraseFields = ['pass-current', 'pass-next', 'pass-confirm', 'export-master', 'export-pass', 'export-confirm', 'import-pass']
    for (const id of passphraseFields) fireEvent.change(document.getElementById(id)!, { target: { value: `typed into ${id}` } })
    fireEvent.click(document.getElementById('export-nodes')!)
    fireEvent.change(screen.getByLabelText('Lock after this many idle minutes (0 = never)'), { target: { value: '30' } })

    // The app stays mounted under the unlock screen: nothing typed as a passphrase waits in it.
    lockVault()
    for (const id of passphraseFields) expect((document.getElementById(id) as HTMLInputElement).value, id).toBe('')
    expect((document.getElementById('export-nodes') as HTMLInputElement).checked).toBe(true)
    expect((screen.getByLabelText('Lock after this many idle minutes (0 = never)') as HTMLInputElement).value).toBe('30')

    // After the unlock the fields take new input as before.
    unlockVault()
    fireEvent.change(document.getElementById('pass-current')!, { target: { value: 'typed again' } })
    expect((document.getElementById('pass-current') as HTMLInputElement).value).toBe('typed again')
  })
})
