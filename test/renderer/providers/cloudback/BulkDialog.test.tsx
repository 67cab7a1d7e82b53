import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { CloudbackApplyResult } from '../../../../src/shared/providers/cloudback/model'
import { BulkDialog } from '../../../../src/renderer/src/providers/cloudback/BulkDialog'
import { deferred, type Deferred } from '../../deferred'
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

  /** A dialog at its preview of disabling one definition, with main's apply held until the test answers it. */
  async function atPreviewWithApplyHeld() {
    const definition = tracked('demo-repository')
    const applies: Array<Deferred<CloudbackApplyResult>> = []
    const bridge = installFakeBridge({
      'cloudback.tracked.list': () => [definition],
      'cloudback.bulk.preview': (input) => ({
        previewId: 'p1',
        connectionId: 'c1',
        change: input.change,
        createdAt: '2026-12-05T10:00:00.000Z',
        items: [{ key: definition.key, subject: definition, current: demoSettings, next: { ...demoSettings, enabled: false }, changes: [{ field: 'enabled', from: 'true', to: 'false' }] }]
      }),
      'cloudback.bulk.apply': () => {
        const apply = deferred<CloudbackApplyResult>()
        applies.push(apply)
        return apply.promise
      }
    })
    render(<BulkDialog connectionId="c1" keys={[definition.key]} preset={{ enabled: false }} onClose={() => undefined} />)
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }))
    const apply = await screen.findByRole('button', { name: 'Apply to 1' }, HANG_GUARD)
    const finish = async () => act(async () => applies[0]!.resolve({ previewId: 'p1', items: [{ key: definition.key, subject: definition, outcome: 'updated' }], updated: 1, failed: 0 }))
    return { bridge, apply, back: screen.getByRole('button', { name: 'Back' }), finish }
  }

  /** What a keyboard press of a focused button comes to: Enter, then the click it makes. */
  async function pressWithKeyboard(button: HTMLElement) {
    button.focus()
    fireEvent.keyDown(button, { key: 'Enter' })
    await act(async () => fireEvent.click(button))
    fireEvent.keyUp(button, { key: 'Enter' })
  }

  it('keeps the keyboard focus on Apply while the change is applied, and a press then sends nothing more', async () => {
    const { bridge, apply, finish } = await atPreviewWithApplyHeld()
    await pressWithKeyboard(apply)
    // The same button under its busy label, still focusable: a disabled one drops the focus on the page's body.
    expect(apply.textContent).toBe('Applying…')
    expect(apply.hasAttribute('disabled')).toBe(false)
    expect(apply.getAttribute('aria-disabled')).toBe('true')
    expect(document.activeElement).toBe(apply)
    await pressWithKeyboard(apply)
    expect(document.activeElement).toBe(apply)
    expect(bridge.callsTo('cloudback.bulk.apply')).toHaveLength(1)
    await finish()
    expect(screen.getByText('1 updated, 0 failed.')).toBeTruthy()
    expect(bridge.callsTo('cloudback.bulk.apply')).toHaveLength(1)
  })

  it('keeps the keyboard focus on Back while the change is applied, and a press then leaves the preview as it is', async () => {
    const { bridge, apply, back, finish } = await atPreviewWithApplyHeld()
    fireEvent.click(apply)
    await pressWithKeyboard(back)
    expect(back.hasAttribute('disabled')).toBe(false)
    expect(back.getAttribute('aria-disabled')).toBe('true')
    expect(document.activeElement).toBe(back)
    // Still the preview being applied, not the form: the result comes back to it.
    expect(screen.getByTestId('cloudback-preview')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Preview' })).toBeNull()
    expect(bridge.callsTo('cloudback.bulk.preview')).toHaveLength(1)
    expect(bridge.callsTo('cloudback.bulk.apply')).toHaveLength(1)
    await finish()
    expect(screen.getByText('1 updated, 0 failed.')).toBeTruthy()
  })

  it('moves the keyboard focus to the result\'s heading when the change is applied, not to the page\'s body', async () => {
    const { apply, finish } = await atPreviewWithApplyHeld()
    await pressWithKeyboard(apply)
    await finish()
    // Apply, which held the focus, is gone: Close replaces it.
    expect(screen.queryByRole('button', { name: /Apply/ })).toBeNull()
    expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy()
    expect(document.activeElement).not.toBe(document.body)
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: '1 updated, 0 failed.' }))
  })
})
