import type { ReactNode } from 'react'
import type { RestorableObject } from '../provider-ui'
import { ProxyRestoreWizard } from './ProxyRestoreWizard'

/** A picked backup node's restore: the proxy-restore guide, in the restore center. */
export function RestoreCenterOptions({ object }: { object: RestorableObject; onClose: () => void }): ReactNode {
  const { businessUnitId, consumptionUnitId } = object.ref
  return (
    <ProxyRestoreWizard
      key={object.key}
      target={{ connectionId: object.connectionId, businessUnitId: Number(businessUnitId), consumptionUnitId: Number(consumptionUnitId) }}
    />
  )
}
