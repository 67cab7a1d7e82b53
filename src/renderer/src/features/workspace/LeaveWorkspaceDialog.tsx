import type { ReactNode } from 'react'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'

/** Forgets the workspace on this computer; its shared connections leave this computer's vault. */
export function LeaveWorkspaceDialog({ onClose }: { onClose: () => void }): ReactNode {
  const setStatus = useStore((s) => s.setWorkspace)
  const loadConnections = useStore((s) => s.loadConnections)
  const pushToast = useStore((s) => s.pushToast)
  const leave = useAction(async () => {
    setStatus(await call('workspace.leave', { confirm: 'leave' }))
    await loadConnections()
    onClose()
    pushToast({ level: 'success', message: 'Left the team workspace on this computer.' })
  })
  return (
    <ConfirmDialog title="Leave the team workspace?" confirmLabel="Leave workspace" typeToConfirm="LEAVE" busy={leave.busy} error={leave.error} onCancel={onClose} onConfirm={() => void leave.run()}>
      <p>
        The team’s shared connections are removed from this computer. The workspace and your teammates’ copies are not changed; ask a teammate to remove you as a member
        too.
      </p>
    </ConfirmDialog>
  )
}
