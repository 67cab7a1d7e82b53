import { type ReactNode } from 'react'
import { selectConnections, useStore } from '../../store'
import { PROVIDER_UIS } from '../../providers/registry'

/**
 * Every restore and download started from Backdesk, across connections, with live progress and
 * history; and where to find each provider's guided restores. Each provider contributes its section.
 */
export function RestoreCenterScreen(): ReactNode {
  const connections = useStore(selectConnections)
  return (
    <>
      <h1>Restore center</h1>
      {PROVIDER_UIS.map(({ kind, RestoreCenterSection }) =>
        RestoreCenterSection ? <RestoreCenterSection key={kind} connections={connections.filter((c) => c.provider === kind)} /> : null
      )}
    </>
  )
}
