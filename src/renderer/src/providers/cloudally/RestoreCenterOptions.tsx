import type { ReactNode } from 'react'
import type { RestorableObject } from '../provider-ui'
import { RestoreRequestForm } from './RestoreRequestForm'

/** A picked backup task's restore or download, in the restore center. */
export function RestoreCenterOptions({ object, onClose }: { object: RestorableObject; onClose: () => void }): ReactNode {
  const { taskId, source, createdAt } = object.ref
  return (
    <RestoreRequestForm
      key={object.key}
      connectionId={object.connectionId}
      target={{
        taskId: String(taskId),
        name: object.name,
        ...(typeof source === 'string' ? { source } : {}),
        ...(typeof createdAt === 'string' ? { createdAt } : {}),
        lastBackup: object.lastBackup ?? null
      }}
      onClose={onClose}
    />
  )
}
