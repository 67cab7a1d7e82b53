import type { ReactNode } from 'react'
import { Dialog } from '../../components/Dialog'
import { RestoreRequestForm, type RestoreTarget } from './RestoreRequestForm'

export type { RestoreTarget } from './RestoreRequestForm'

/** A backup task's restore or download, from the console's task list. */
export function RestoreDialog({ connectionId, target, onClose }: { connectionId: string; target: RestoreTarget; onClose: () => void }): ReactNode {
  return (
    <Dialog title={`Restore or download: ${target.name}`} onClose={onClose}>
      <RestoreRequestForm connectionId={connectionId} target={target} onClose={onClose} />
    </Dialog>
  )
}
