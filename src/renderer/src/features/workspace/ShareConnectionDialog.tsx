import { useState, type ReactNode } from 'react'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { call } from '../../api'
import { Dialog } from '../../components/Dialog'
import { FormActions } from '../../components/FormActions'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'

/** Moves a connection into the team workspace, or shares a copy of it. */
export function ShareConnectionDialog({ connection, onClose }: { connection: ConnectionSummary; onClose: () => void }): ReactNode {
  const setStatus = useStore((s) => s.setWorkspace)
  const loadConnections = useStore((s) => s.loadConnections)
  const pushToast = useStore((s) => s.pushToast)
  const [mode, setMode] = useState<'move' | 'copy'>('move')
  const share = useAction(async () => {
    setStatus(await call('workspace.share', { ids: [connection.id], mode }))
    await loadConnections()
    pushToast({ level: 'success', message: mode === 'move' ? `Moved ${connection.name} into the team workspace.` : `Shared a copy of ${connection.name} with the team.` })
    onClose()
  })
  return (
    <Dialog title={`Share “${connection.name}” with the team`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void share.run()
        }}
        noValidate
      >
        <p>Every member gets this login, its secrets included, at their next sync. Edits by anyone change it for everyone.</p>
        <fieldset>
          <legend>How</legend>
          <label className="radio-line">
            <input type="radio" name="share-mode" value="move" checked={mode === 'move'} onChange={() => setMode('move')} /> Move it into the workspace
          </label>
          <label className="radio-line">
            <input type="radio" name="share-mode" value="copy" checked={mode === 'copy'} onChange={() => setMode('copy')} /> Share a copy (this one stays private)
          </label>
        </fieldset>
        <FormActions busy={share.busy} label="Share" busyLabel="Sharing…" error={share.error} onCancel={onClose} />
      </form>
    </Dialog>
  )
}
