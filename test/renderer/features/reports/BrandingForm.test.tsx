import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { BrandingForm } from '../../../../src/renderer/src/features/reports/BrandingForm'
import { installFakeBridge } from '../../fake-bridge'

const tooLarge = 'The logo must be at most 1 MiB; this file is 1.3 MiB. Choose a smaller PNG or JPEG.'
const problemOf = (field: HTMLElement) => document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent

describe('BrandingForm', () => {
  it('says a logo over 1 MiB is too large as soon as it is chosen, with its size, and never sends it', async () => {
    const bridge = installFakeBridge({
      'reports.branding.get': () => ({ companyName: 'Northwind', hasLogo: false }),
      'reports.branding.set': () => ({ companyName: 'Northwind', hasLogo: true })
    })
    render(<BrandingForm />)
    await waitFor(() => expect(bridge.callsTo('reports.branding.get')).toHaveLength(1))
    const logo = screen.getByLabelText('Logo (PNG or JPEG, at most 1 MiB)')
    const large = new File([new Uint8Array(Math.round(1.3 * 1024 * 1024))], 'logo.png', { type: 'image/png' })
    fireEvent.change(logo, { target: { files: [large] } })
    expect(logo.getAttribute('aria-invalid')).toBe('true')
    expect(problemOf(logo)).toBe(tooLarge)
    fireEvent.click(screen.getByRole('button', { name: 'Save branding' }))
    expect(problemOf(logo)).toBe(tooLarge)
    expect(bridge.callsTo('reports.branding.set')).toEqual([])

    // A file that fits takes the message away and is saved.
    const small = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])], 'logo.png', { type: 'image/png' })
    fireEvent.change(logo, { target: { files: [small] } })
    expect(logo.hasAttribute('aria-invalid')).toBe(false)
    fireEvent.click(screen.getByRole('button', { name: 'Save branding' }))
    await waitFor(() => expect(bridge.callsTo('reports.branding.set')).toHaveLength(1))
  })

  it('asks before removing the logo: Cancel sends nothing, confirming removes it once and keeps an unsaved name as typed', async () => {
    const bridge = installFakeBridge({
      'reports.branding.get': () => ({ companyName: 'Northwind', hasLogo: true }),
      'reports.branding.set': () => ({ companyName: 'Northwind', hasLogo: false })
    })
    render(<BrandingForm />)
    const removeLogo = await screen.findByRole('button', { name: /^Remove logo/ })
    fireEvent.change(screen.getByLabelText('Company name on the reports'), { target: { value: 'Northwind Traders' } })

    fireEvent.click(removeLogo)
    const asked = screen.getByRole('dialog', { name: 'Remove the logo?' })
    fireEvent.click(within(asked).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(bridge.callsTo('reports.branding.set')).toEqual([])

    fireEvent.click(screen.getByRole('button', { name: /^Remove logo/ }))
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Remove the logo?' })).getByRole('button', { name: 'Remove logo' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(bridge.callsTo('reports.branding.set')).toEqual([{ logoBase64: null }])
    expect(screen.queryByRole('button', { name: /^Remove logo/ })).toBeNull()
    expect((screen.getByLabelText('Company name on the reports') as HTMLInputElement).value).toBe('Northwind Traders')
  })
})
