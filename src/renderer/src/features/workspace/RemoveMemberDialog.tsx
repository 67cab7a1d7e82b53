import { useState, type ReactNode } from 'react'
import type { RemovalChecklist, WorkspaceMember } from '../../../../shared/model/workspace'
import { call } from '../../api'
import { ConfirmDialog, Dialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { ChecklistItems } from './RemovalChecklists'

/** What a removal encrypts again, in words that fit one, several or no shared connections. */
function reencrypted(sharedCount: number): string {
  if (sharedCount === 0) return 'no connection is shared yet, so nothing needs encrypting again'
  if (sharedCount === 1) return 'the one shared connection is encrypted again without them'
  return `all ${sharedCount} shared connections are encrypted again without them`
}

/** Removes a member (entries re-encrypted without them), then shows what to rotate at the providers. */
export function RemoveMemberDialog({ member, sharedCount, onClose }: { member: WorkspaceMember; sharedCount: number; onClose: () => void }): ReactNode {
  const load = useStore((s) => s.loadWorkspace)
  const [checklist, setChecklist] = useState<RemovalChecklist | null>(null)
  const remove = useAction(async () => {
    setChecklist(await call('workspace.members.remove', { memberId: member.id, confirmId: member.id }))
    await load()
  })
  if (checklist) {
    return (
      <Dialog title={`${checklist.name} was removed`} onClose={onClose}>
        <p>
          They can no longer read anything shared from now on, but they have seen the secrets below. Rotate each at the provider, then tick it off (the list stays on
          the Team workspace screen).
        </p>
        <ChecklistItems checklist={checklist} />
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Close
          </button>
        </div>
      </Dialog>
    )
  }
  return (
    <ConfirmDialog title={`Remove ${member.name}?`} confirmLabel="Remove member" typeToConfirm="REMOVE" busy={remove.busy} error={remove.error} onCancel={onClose} onConfirm={() => void remove.run()}>
      <p>
        {member.name} (<code>{member.fingerprint}</code>) loses access to the workspace: {reencrypted(sharedCount)}. What they have already seen cannot be taken
        back: a checklist of secrets to rotate follows.
      </p>
    </ConfirmDialog>
  )
}
