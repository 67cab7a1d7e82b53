import type { ReactNode } from 'react'
import { RestoreList } from './RestoreList'

/** Every CloudAlly restore and download started from Backdesk, across connections. */
export function CloudAllyRestoreCenterSection(): ReactNode {
  return (
    <section aria-labelledby="rc-list-heading">
      <h2 id="rc-list-heading">CloudAlly restores and downloads</h2>
      <RestoreList />
    </section>
  )
}
