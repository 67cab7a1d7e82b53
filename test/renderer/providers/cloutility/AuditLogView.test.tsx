import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AuditLogEntry } from '../../../../src/shared/providers/cloutility/model'
import { AuditLogView } from '../../../../src/renderer/src/providers/cloutility/AuditLogView'
import { installFakeBridge } from '../../fake-bridge'

const entries: AuditLogEntry[] = (['info', 'create', 'modify', 'delete', 'error'] as const).map((type, i) => ({
  id: i + 1,
  type,
  message: `Entry ${i + 1}`,
  date: `2026-12-0${i + 1}T10:00:00Z`
}))

describe('AuditLogView', () => {
  it('shows no entries and asks for a type when every type is unticked, without a request', async () => {
    const bridge = installFakeBridge({
      'cloutility.auditLogs': (input) => {
        const items = entries.filter((e) => input.types === undefined || input.types.includes(e.type as never))
        return { items, total: items.length, offset: 0 }
      }
    })
    render(<AuditLogView connectionId="c1" businessUnitId={22} name="Glacier Transport Oy" />)
    const table = () => screen.getByRole('table', { name: 'Audit log of Glacier Transport Oy' })
    await screen.findByText('Entry 5')
    expect(bridge.callsTo('cloutility.auditLogs')).toHaveLength(1)

    const types = screen.getByRole('group', { name: 'Types' })
    for (const box of within(types).getAllByRole('checkbox')) await act(async () => void fireEvent.click(box))

    await screen.findByText('No type is ticked: tick at least one type to see entries.')
    expect(within(table()).queryByText(/^Entry /)).toBeNull()
    expect(screen.getByRole('status').textContent).toBe('Tick at least one type to see entries.')
    // Four requests while unticking (each with the types still ticked), none for no type at all.
    const asked = bridge.callsTo('cloutility.auditLogs') as Array<{ types: string[] }>
    expect(asked).toHaveLength(5)
    expect(asked.every((q) => q.types.length > 0)).toBe(true)

    await act(async () => void fireEvent.click(within(types).getByRole('checkbox', { name: 'Error' })))
    await screen.findByText('Entry 5')
    expect(within(table()).queryByText('Entry 1')).toBeNull()
  })

  it('says what an empty business unit log covered, and how to widen it to the units below', async () => {
    installFakeBridge({ 'cloutility.auditLogs': () => ({ items: [], total: 0, offset: 0 }) })
    render(<AuditLogView connectionId="c1" businessUnitId={22} name="Glacier Transport Oy" />)
    const table = () => screen.findByRole('table', { name: 'Audit log of Glacier Transport Oy' })
    await within(await table()).findByText(
      /^No entries for Glacier Transport Oy itself from \d\d\/\d\d\/\d{4} to \d\d\/\d\d\/\d{4}\. The units below it are not included: tick “Include units below” to see theirs\.$/
    )
    // Which units are covered is no type: the Types group holds the types alone.
    expect(within(screen.getByRole('group', { name: 'Types' })).queryByRole('checkbox', { name: 'Include units below' })).toBeNull()

    await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: 'Include units below' })))
    await screen.findByText(/^No entries for Glacier Transport Oy or the units below it from .+\.$/)
    await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: 'Error' })))
    await screen.findByText(/^No entries of the ticked types for Glacier Transport Oy or the units below it from /)
  })

  it('names a consumption unit’s own empty log without talking of units below', async () => {
    installFakeBridge({ 'cloutility.auditLogs': () => ({ items: [], total: 0, offset: 0 }) })
    render(<AuditLogView connectionId="c1" businessUnitId={22} consumptionUnitId={7} name="glac-fs01" />)
    await within(await screen.findByRole('table', { name: 'Audit log of glac-fs01' })).findByText(/^No entries for glac-fs01 from \S+ to \S+\.$/)
  })
})
