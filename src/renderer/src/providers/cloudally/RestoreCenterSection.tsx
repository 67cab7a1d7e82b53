import type { ReactNode } from 'react'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { RestoreList } from './RestoreList'

/** Every CloudAlly restore and download started from Backdesk, across connections (each named). */
export function CloudAllyRestoreCenterSection({ connections }: { connections: ConnectionSummary[] }): ReactNode {
  return (
    <section aria-labelledby="rc-list-heading">
      <h2 id="rc-list-heading">CloudAlly restores and downloads</h2>
      <RestoreList connections={connections} />
    </section>
  )
}
