import { useMemo, type ReactNode } from 'react'
import { useStore } from '../../store'
import { RestoreList } from '../restores/RestoreList'

/**
 * Every restore and download started from Backdesk, across connections, with live progress and
 * history; and where to find the guided Cloutility restore on another machine.
 */
export function RestoreCenterScreen(): ReactNode {
  const connections = useStore((s) => s.connections)
  const cloutility = useMemo(() => connections.filter((c) => c.provider === 'cloutility'), [connections])
  const navigate = useStore((s) => s.navigate)
  return (
    <>
      <h1>Restore center</h1>
      <section className="panel" aria-labelledby="rc-sp-heading">
        <h2 id="rc-sp-heading">Restore a backup node&apos;s files on another machine</h2>
        <p>
          For Cloutility (IBM Storage Protect) nodes: open the node&apos;s consumption unit, then{' '}
          <strong>Proxy relations → Restore its files on another machine</strong>. The guide grants the agent node proxy
          access, shows the exact <code>dsmc</code> command for the agent machine and revokes the grant afterwards.
        </p>
        {cloutility.length > 0 && (
          <div className="toolbar">
            {cloutility.map((c) => (
              <button key={c.id} type="button" className="btn" onClick={() => navigate({ id: 'connection', params: { id: c.id } })}>
                Open {c.name}
              </button>
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby="rc-list-heading">
        <h2 id="rc-list-heading">CloudAlly restores and downloads</h2>
        <RestoreList />
      </section>
    </>
  )
}
