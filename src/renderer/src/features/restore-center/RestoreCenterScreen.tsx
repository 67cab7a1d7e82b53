import { type ReactNode } from 'react'
import { selectConnections, useStore } from '../../store'
import { PROVIDER_UIS } from '../../providers/registry'
import { RestoreSearch } from './RestoreSearch'

/**
 * Where restores start and are followed: a search over every connection's restorable objects, the
 * picked object's restore options (each provider's own), then every restore and download started
 * from Backdesk, with live progress and history. Each provider contributes its parts.
 */
export function RestoreCenterScreen(): ReactNode {
  const connections = useStore(selectConnections)
  return (
    <>
      <h1>Restore center</h1>
      <RestoreSearch connections={connections} />
      {PROVIDER_UIS.map(({ kind, RestoreCenterSection }) =>
        RestoreCenterSection ? <RestoreCenterSection key={kind} connections={connections.filter((c) => c.provider === kind)} /> : null
      )}
    </>
  )
}
