import type { ReactNode } from 'react'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { useStore } from '../../store'

/**
 * Where the guided restore to another machine lives (a node's proxy relations), with a way there.
 * Only with a Cloutility connection: there is nothing to restore this way without one (CloudAlly's
 * section stays, since its history outlives a removed connection).
 */
export function CloutilityRestoreCenterSection({ connections }: { connections: ConnectionSummary[] }): ReactNode {
  const navigate = useStore((s) => s.navigate)
  if (connections.length === 0) return null
  return (
    <section className="panel" aria-labelledby="rc-sp-heading">
      <h2 id="rc-sp-heading">Restore a backup node&apos;s files on another machine</h2>
      <p>
        For Cloutility (IBM Storage Protect) nodes: open the node&apos;s consumption unit, then{' '}
        <strong>Proxy relations → Restore its files on another machine</strong>. The guide grants the agent node proxy
        access, shows the exact <code>dsmc</code> command for the agent machine and revokes the grant afterwards.
      </p>
      <div className="toolbar">
        {connections.map((c) => (
          <button key={c.id} type="button" className="btn" onClick={() => navigate({ id: 'connection', params: { id: c.id } })}>
            Open {c.name}
          </button>
        ))}
      </div>
    </section>
  )
}
