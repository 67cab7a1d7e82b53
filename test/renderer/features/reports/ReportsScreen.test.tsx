import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ReportsScreen } from '../../../../src/renderer/src/features/reports/ReportsScreen'
import { useStore } from '../../../../src/renderer/src/store'
import { received, notLoaded } from '../../../../src/renderer/src/store/resource'
import { contoso } from '../connections/connection-fixture'
import { installFakeBridge, MainError } from '../../fake-bridge'

const notBegun = 'This month has not begun yet. Choose this month or an earlier one.'

describe('ReportsScreen', () => {
  it('shows a refused month under the month field, stops the picker at this month, and an edit takes the message away', async () => {
    const bridge = installFakeBridge({
      'reports.batch.status': () => null,
      'reports.branding.get': () => ({ companyName: '', hasLogo: false }),
      'reports.preview': () => {
        throw new MainError({ code: 'VALIDATION', message: notBegun, retryable: false, details: { issues: [{ path: 'month', message: notBegun }] } })
      }
    })
    useStore.setState({ connections: received(notLoaded(), [contoso]) })
    render(<ReportsScreen />)
    const one = within(screen.getByRole('region', { name: 'Backup report for a customer' }))
    const month = one.getByLabelText('Month') as HTMLInputElement
    expect(month.max).toBe(new Date().toISOString().slice(0, 7))
    fireEvent.change(month, { target: { value: '2099-06' } })
    fireEvent.click(one.getByRole('button', { name: 'Show report' }))
    await waitFor(() => expect(month.getAttribute('aria-invalid')).toBe('true'))
    expect(bridge.callsTo('reports.preview')).toHaveLength(1)
    expect(document.getElementById(month.getAttribute('aria-describedby')!)?.textContent).toBe(notBegun)
    expect(screen.queryByTestId('report-summary')).toBeNull()
    fireEvent.change(month, { target: { value: '2026-01' } })
    expect(screen.queryByText(notBegun)).toBeNull()
    expect(month.hasAttribute('aria-invalid')).toBe(false)
  })
})
