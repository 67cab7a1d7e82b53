import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it, onTestFinished } from 'vitest'
import { ConflictsPanel } from '../../../../src/renderer/src/features/workspace/ConflictsPanel'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded, received } from '../../../../src/renderer/src/store/resource'
import type { WorkspaceStatus } from '../../../../src/shared/model/workspace'
import { installFakeBridge } from '../../fake-bridge'
import { joinedWorkspace } from './workspace-status'

type Conflict = WorkspaceStatus['conflicts'][number]

const conflict = (entryId: string, name: string): Conflict => ({
  entryId,
  name,
  customer: 'Contoso',
  theirsBy: 'Bob',
  theirsAt: '2026-12-05T10:00:00.000Z',
  mineAt: '2026-12-05T10:05:00.000Z'
})

const statusWith = (conflicts: Conflict[]) => joinedWorkspace({ conflicts })

/** The panel as the Team workspace screen shows it: from the store's status. */
function StoredConflicts(): ReactNode {
  const status = useStore((s) => s.workspace.value)
  return status ? <ConflictsPanel status={status} /> : null
}

describe('ConflictsPanel', () => {
  it('keeps the keyboard in the page when a resolved row goes: on the heading, then on the main area', async () => {
    let left = [conflict('e1', 'Contoso repos'), conflict('e2', 'Northwind SaaS')]
    installFakeBridge({
      'workspace.conflicts.resolve': ({ entryId }) => {
        left = left.filter((c) => c.entryId !== entryId)
        return statusWith(left)
      }
    })
    useStore.setState({ workspace: received(notLoaded(), statusWith(left)), toasts: [] })
    onTestFinished(() => useStore.setState({ workspace: notLoaded() }))
    render(
      <main id="main" tabIndex={-1}>
        <StoredConflicts />
      </main>
    )

    const keepMine = screen.getByRole('button', { name: 'Keep mine for Contoso repos' })
    keepMine.focus()
    fireEvent.click(keepMine)
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Keep mine for Contoso repos' })).toBeNull())
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Conflicts to resolve' })))

    const keepTheirs = screen.getByRole('button', { name: 'Keep theirs for Northwind SaaS' })
    keepTheirs.focus()
    fireEvent.click(keepTheirs)
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Conflicts to resolve' })).toBeNull())
    await waitFor(() => expect(document.activeElement?.id).toBe('main'))
  })

  it('names the connection as the app shows it now, and your version’s name beside it when the two differ', async () => {
    const renamed: Conflict = { ...conflict('e1', 'Contoso repos (EU)'), mineName: 'Contoso repos' }
    const same = conflict('e2', 'Northwind SaaS')
    installFakeBridge({ 'workspace.conflicts.resolve': () => statusWith([same]) })
    useStore.setState({ workspace: received(notLoaded(), statusWith([renamed, same])), toasts: [] })
    onTestFinished(() => useStore.setState({ workspace: notLoaded() }))
    render(<StoredConflicts />)
    const rows = screen.getAllByRole('row').slice(1)
    expect(rows[0]?.textContent).toContain('Contoso repos (EU) · Contoso')
    expect(rows[0]?.textContent).toContain('Your version names it “Contoso repos”')
    expect(rows[1]?.textContent).toContain('Northwind SaaS · Contoso')
    expect(rows[1]?.textContent).not.toContain('Your version')
    fireEvent.click(screen.getByRole('button', { name: 'Keep mine for Contoso repos (EU)' }))
    await waitFor(() => expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Kept your version of Contoso repos (EU), now named Contoso repos.']))
  })
})
