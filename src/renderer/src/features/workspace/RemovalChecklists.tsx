import type { ReactNode } from 'react'
import type { RemovalChecklist, WorkspaceStatus } from '../../../../shared/model/workspace'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { formatDateTime } from '../../../../shared/format'
import { PROVIDER_UIS } from '../../providers/registry'

const SECRET_LABEL: Record<string, string> = { password: 'password', clientSecret: 'client secret', apiKey: 'API key' }

/** The provider's name as every screen says it; the checklist keeps its id (kept in the vault). */
const providerName = (id: string): string => PROVIDER_UIS.find((ui) => ui.kind === id)?.label ?? id

/** One removal's "rotate at the provider" list, ticked off item by item. */
export function ChecklistItems({ checklist }: { checklist: RemovalChecklist }): ReactNode {
  const setStatus = useStore((s) => s.setWorkspace)
  const mark = useAction(async (connectionId: string, rotated: boolean) =>
    setStatus(await call('workspace.removals.mark', { memberId: checklist.memberId, connectionId, rotated }))
  )
  const current = useStore((s) => s.workspace.value?.removals.find((r) => r.memberId === checklist.memberId)) ?? checklist
  return (
    <>
      <ul className="plain-list" aria-label={`Secrets ${checklist.name} has seen`}>
        {current.items.map((item) => (
          <li key={item.connectionId}>
            <label className="inline-check">
              <input type="checkbox" checked={item.rotated} disabled={mark.busy} onChange={(e) => void mark.run(item.connectionId, e.target.checked)} /> {item.name}
              {item.customer ? ` (${item.customer})` : ''} — change the {item.secrets.map((s) => SECRET_LABEL[s] ?? s).join(' and ')} at {providerName(item.provider)}
            </label>
          </li>
        ))}
      </ul>
      {current.items.length === 0 && <p className="muted small">Nothing was shared while they were a member.</p>}
      {mark.error && (
        <p className="error-text" role="alert">
          {mark.error}
        </p>
      )}
    </>
  )
}

/** Every pending "rotate at the provider" checklist left by member removals. */
export function RemovalChecklists({ status }: { status: WorkspaceStatus }): ReactNode {
  const setStatus = useStore((s) => s.setWorkspace)
  const dismiss = useAction(async (memberId: string) => setStatus(await call('workspace.removals.dismiss', { memberId })))
  if (status.removals.length === 0) return null
  return (
    <section className="panel" aria-labelledby="removals-heading">
      <h2 id="removals-heading">Rotate at the provider</h2>
      {status.removals.map((r) => (
        <div key={r.memberId} data-testid="removal-checklist">
          <h3>
            {r.name}, removed {formatDateTime(r.removedAt)}
          </h3>
          <ChecklistItems checklist={r} />
          {r.items.every((i) => i.rotated) && (
            <button type="button" className="btn" onClick={() => void dismiss.run(r.memberId)} disabled={dismiss.busy}>
              Done: dismiss this list
            </button>
          )}
        </div>
      ))}
    </section>
  )
}
