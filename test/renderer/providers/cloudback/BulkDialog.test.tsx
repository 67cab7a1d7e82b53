import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { BulkDialog } from '../../../../src/renderer/src/providers/cloudback/BulkDialog'
import { installFakeBridge } from '../../fake-bridge'
import { demoSettings, HANG_GUARD, tracked } from './cloudback-fixtures'

describe('BulkDialog', () => {
  it('says beside a new name Backdesk does not know that Cloudback will refuse it unless the account defines it', async () => {
    const definition = tracked('demo-repository')
    installFakeBridge({
      'cloudback.bulk.preview': (input) => ({
        previewId: 'p1',
        connectionId: 'c1',
        change: input.change,
        createdAt: '2026-12-05T10:00:00.000Z',
        items: [
          {
            key: definition.key,
            subject: definition,
            current: demoSettings,
            next: { ...demoSettings, schedule: 'foo', retention: 'last 90 days' },
            changes: [
              { field: 'schedule', from: 'Daily at 4 pm', to: 'foo' },
              { field: 'retention', from: 'Last 30 days', to: 'last 90 days' }
            ]
          }
        ]
      })
    })
    render(<BulkDialog connectionId="c1" keys={[definition.key]} preset={null} onClose={() => undefined} />)
    fireEvent.change(screen.getByLabelText('Schedule (empty = leave as is)'), { target: { value: 'foo' } })
    fireEvent.change(screen.getByLabelText('Retention (empty = leave as is)'), { target: { value: 'last 90 days' } })
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
    const preview = await screen.findByTestId('cloudback-preview', {}, HANG_GUARD)
    const schedule = within(preview).getByText(/^Schedule:/)
    expect(schedule.textContent).toBe('Schedule: Daily at 4 pm → foo (not a schedule Backdesk knows: Cloudback refuses it unless your account defines it)')
    expect(within(preview).getByText(/^Retention:/).textContent).toBe('Retention: Last 30 days → last 90 days')
  })
})
