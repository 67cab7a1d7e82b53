import { useId, useMemo, useState, type ReactNode } from 'react'
import { DASH } from '../../../../shared/format'
import type { ProxyNode } from '../../../../shared/providers/cloutility/model'
import type { ProxyRole } from '../../../../shared/providers/cloutility/contract'
import { call } from '../../api'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { ProxyRestoreWizard } from './ProxyRestoreWizard'
import { LoadGate } from '../../components/LoadGate'
import type { Where } from './where'
import { useStore } from '../../store'
import { useLoadable } from '../../store/use-loadable'
import { FormActions } from '../../components/FormActions'

// Proxy relations (IBM Storage Protect GRANT/REVOKE PROXYNODE): agents may act as this node
// (restore its data with -asnodename); targets are the nodes this node may act as.

function label(p: ProxyNode): string {
  return p.nodeName ? `${p.nodeName} (${p.name})` : p.name
}
const proxyKey = (p: ProxyNode): string => `${p.consumerId}-${p.nodeId}`

type Revoking = { role: ProxyRole; node: ProxyNode }

/**
 * The columns of one relation list; the action column stays in view. The id column is as wide as
 * its header with the sort mark: at 160 px it read "Consumption u…".
 */
function proxyColumns(kind: ProxyRole, revoke: (what: Revoking) => void): ReadonlyArray<TableColumn<ProxyNode>> {
  return [
    { id: 'node', header: 'Node', text: label, cell: (p) => <span className="mono">{label(p)}</span>, sortValue: label, width: 240, grow: true },
    { id: 'consumerId', header: 'Consumption unit id', text: (p) => (p.consumerId === undefined ? DASH : String(p.consumerId)), sortValue: (p) => p.consumerId, width: 184 },
    {
      id: 'actions',
      header: 'Actions',
      text: () => '',
      cell: (p) => (
        <button type="button" className="btn btn-danger" disabled={!p.consumerId} onClick={() => revoke({ role: kind, node: p })}>
          Revoke…
        </button>
      ),
      csv: [],
      width: 104,
      sticky: true
    }
  ]
}

export function ProxyTab({ where, name }: { where: Where; name: string }): ReactNode {
  const id = useId()
  const key = `${where.connectionId}/${where.businessUnitId}/${where.consumptionUnitId}`
  const relations = useLoadable(() => call('cloutility.proxy.list', where), key)
  const possible = useLoadable(() => call('cloutility.proxy.possible', where), key)
  const pushToast = useStore((s) => s.pushToast)
  const [role, setRole] = useState<ProxyRole>('agent')
  const [otherId, setOtherId] = useState('')
  const [revoking, setRevoking] = useState<Revoking | null>(null)
  const [restoring, setRestoring] = useState(false)

  // Nodes already in a relation of the chosen kind are not offered again.
  const related = new Set((role === 'agent' ? relations.value?.agents : relations.value?.targets)?.map((p) => p.consumerId) ?? [])

  // A grant or revoke that fails may still have been made (its answer lost after Cloutility acted):
  // the lists are read again either way, so they show what Cloutility holds, not what was before.
  const changeThenReload = async (change: () => Promise<unknown>): Promise<void> => {
    try {
      await change()
    } catch (err) {
      relations.reload()
      throw err
    }
  }
  const grant = useAction(async () => {
    await changeThenReload(() => call('cloutility.proxy.grant', { ...where, role, otherId: Number(otherId) }))
    const other = possible.value?.find((p) => p.consumerId === Number(otherId))
    const otherName = other ? label(other) : `consumption unit ${otherId}`
    pushToast({ level: 'success', message: role === 'agent' ? `${otherName} may now act as ${name}.` : `${name} may now act as ${otherName}.` })
    setOtherId('')
    relations.reload()
  })
  const revoke = useAction(async () => {
    if (!revoking?.node.consumerId) return
    const other = revoking.node.consumerId
    await changeThenReload(() => call('cloutility.proxy.revoke', { ...where, role: revoking.role, otherId: other, confirmId: other }))
    pushToast({ level: 'success', message: `Revoked the proxy relation with ${label(revoking.node)}.` })
    setRevoking(null)
    relations.reload()
  })

  const agentColumns = useMemo(() => proxyColumns('agent', setRevoking), [])
  const targetColumns = useMemo(() => proxyColumns('target', setRevoking), [])
  const list = (kind: ProxyRole, items: ProxyNode[]) => (
    <DataTable
      tableId="cloutility.proxy"
      rows={items}
      columns={kind === 'agent' ? agentColumns : targetColumns}
      rowKey={proxyKey}
      label={kind === 'agent' ? `Nodes that may act as ${name}` : `Nodes ${name} may act as`}
      emptyText="None."
    />
  )

  // One stack: the guide, each list and the grant form are spaced as sections, never touching.
  return (
    <div className="stack">
      {/* Outside the load gate: reloading the lists must not reset the guide. */}
      <div className="toolbar">
        <button type="button" className="btn" aria-expanded={restoring} onClick={() => setRestoring((r) => !r)}>
          {restoring ? 'Close the restore guide' : `Restore ${name}'s files on another machine…`}
        </button>
      </div>
      {restoring && <ProxyRestoreWizard target={where} onRelationsChanged={relations.reload} />}
      <LoadGate loading={relations.loading} error={relations.error} onRetry={relations.reload}>
        <section aria-labelledby={`${id}-agents`}>
          <h3 id={`${id}-agents`}>Agents: nodes that may act as {name}</h3>
          {list('agent', relations.value?.agents ?? [])}
        </section>
        <section aria-labelledby={`${id}-targets`}>
          <h3 id={`${id}-targets`}>Targets: nodes {name} may act as</h3>
          {list('target', relations.value?.targets ?? [])}
        </section>
        <form
          className="panel"
          aria-labelledby={`${id}-grant`}
          onSubmit={(e) => {
            e.preventDefault()
            if (otherId) void grant.run()
          }}
          noValidate
        >
          <h3 id={`${id}-grant`}>Grant a proxy relation</h3>
          <label htmlFor={`${id}-role`}>Relation</label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(e) => {
              setRole(e.target.value as ProxyRole)
              setOtherId('')
            }}
          >
            <option value="agent">The chosen node may act as {name}</option>
            <option value="target">{name} may act as the chosen node</option>
          </select>
          <label htmlFor={`${id}-node`}>Node</label>
          <select id={`${id}-node`} value={otherId} onChange={(e) => setOtherId(e.target.value)} disabled={!possible.value}>
            <option value="">{possible.loading ? 'Loading…' : possible.value?.length ? 'Choose…' : 'No other activated node'}</option>
            {possible.value
              ?.filter((p) => p.consumerId !== undefined && !related.has(p.consumerId))
              .map((p) => (
                <option key={p.consumerId} value={p.consumerId}>
                  {label(p)}
                </option>
              ))}
          </select>
          {possible.error && <p className="error-text">{possible.error}</p>}
          <FormActions busy={grant.busy} label="Grant" busyLabel="Granting…" disabled={!otherId} error={grant.error} />
        </form>
        {revoking && (
          <ConfirmDialog
            title="Revoke the proxy relation?"
            confirmLabel="Revoke"
            busy={revoke.busy}
            error={revoke.error}
            onCancel={() => setRevoking(null)}
            onConfirm={() => void revoke.run()}
          >
            <p>
              {revoking.role === 'agent' ? (
                <>
                  <strong className="mono">{label(revoking.node)}</strong> (consumption unit {revoking.node.consumerId}) will no longer be able to act as{' '}
                  <strong>{name}</strong> (consumption unit {where.consumptionUnitId}).
                </>
              ) : (
                <>
                  <strong>{name}</strong> (consumption unit {where.consumptionUnitId}) will no longer be able to act as{' '}
                  <strong className="mono">{label(revoking.node)}</strong> (consumption unit {revoking.node.consumerId}).
                </>
              )}{' '}
              Restores that use -asnodename for this pair stop working.
            </p>
          </ConfirmDialog>
        )}
      </LoadGate>
    </div>
  )
}
