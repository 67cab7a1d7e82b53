import { useId, useState, type ReactNode } from 'react'
import { formatDateTime } from '../../../../shared/format'
import type { BusinessUnitNode } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { unitsKey } from './cloutility.slice'
import { Fact } from '../../components/Fact'
import { LoadGate } from '../../components/LoadGate'
import { BusinessUnitForm } from './BusinessUnitForm'
import { useLoadable } from '../../store/use-loadable'

/** A business unit's fields, with edit, "new unit below" and delete. */
export function UnitDetails({
  connectionId,
  node,
  isRoot,
  onChanged,
  onCreated,
  onDeleted
}: {
  connectionId: string
  node: BusinessUnitNode
  isRoot: boolean
  onChanged: () => void
  onCreated: (id: number) => void
  onDeleted: () => void
}): ReactNode {
  const id = useId()
  const unit = useLoadable(() => call('cloutility.businessUnit.get', { connectionId, businessUnitId: node.id }), `${connectionId}/${node.id}`)
  const [dialog, setDialog] = useState<'edit' | 'create' | 'delete' | null>(null)
  const pushToast = useStore((s) => s.pushToast)
  const del = useAction(async () => {
    await call('cloutility.businessUnit.delete', { connectionId, businessUnitId: node.id, confirmId: node.id })
    setDialog(null)
    onDeleted()
    pushToast({ level: 'success', message: `Deleted business unit ${node.name}.` })
  })
  const u = unit.value
  const childCount = node.children.length
  const consumerCount = useStore((s) => s.cloutilityUnits[unitsKey(connectionId, node.id)]?.value?.items.length)

  return (
    <section aria-labelledby={`${id}-h`}>
      <div className="toolbar">
        <h2 id={`${id}-h`} className="inline-heading">
          Details
        </h2>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setDialog('create')}>
          New business unit below…
        </button>
        <button type="button" className="btn" onClick={() => setDialog('edit')} disabled={!u}>
          Edit…
        </button>
        {!isRoot && (
          <button type="button" className="btn btn-danger" onClick={() => setDialog('delete')}>
            Delete…
          </button>
        )}
      </div>
      <LoadGate loading={unit.loading} error={unit.error} onRetry={unit.reload}>
        {u && (
          <dl className="facts">
            <Fact label="Name">{u.name}</Fact>
            <Fact label="Id" code>{u.id}</Fact>
            <Fact label="Parent">{u.parentName ?? u.parentId}</Fact>
            <Fact label="Registration number" code>{u.registrationNumber}</Fact>
            <Fact label="Time zone">{u.timeZone?.name}</Fact>
            <Fact label="Invoice day">{u.invoiceDay === 0 ? 'last day of the month' : u.invoiceDay}</Fact>
            <Fact label="Node limit">{u.nodeLimit || undefined}</Fact>
            <Fact label="Password expiry (days)">{u.passwordExpirationDays || undefined}</Fact>
            <Fact label="Delete approvals needed">{u.requiredApproversOfDeleteRequest}</Fact>
            <Fact label="Tags">{u.tags.join(', ')}</Fact>
            <Fact label="Note">{u.note}</Fact>
            <Fact label="Created">{u.createdDate ? formatDateTime(u.createdDate) : undefined}</Fact>
          </dl>
        )}
      </LoadGate>
      {dialog === 'edit' && u && (
        <BusinessUnitForm
          connectionId={connectionId}
          existing={u}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null)
            unit.set(saved)
            unit.reload()
            onChanged()
          }}
        />
      )}
      {dialog === 'create' && (
        <BusinessUnitForm
          connectionId={connectionId}
          parentId={node.id}
          parentName={node.name}
          onClose={() => setDialog(null)}
          onSaved={(created) => {
            setDialog(null)
            onCreated(created.id)
          }}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete business unit “${node.name}”?`}
          confirmLabel="Delete business unit"
          typeToConfirm={node.name}
          busy={del.busy}
          error={del.error}
          onCancel={() => setDialog(null)}
          onConfirm={() => void del.run()}
        >
          <p>
            This deletes the business unit <strong>{node.name}</strong> (id {node.id}) in Cloutility
            {childCount ? (
              <>
                . It has <strong>{childCount}</strong> business unit{childCount === 1 ? '' : 's'} below it; Cloutility refuses to delete a unit that still
                has units or consumption units
              </>
            ) : null}
            .
          </p>
          {consumerCount ? (
            <p>
              It still has <strong>{consumerCount}</strong> consumption unit{consumerCount === 1 ? '' : 's'}: delete or move them first, or Cloutility refuses.
            </p>
          ) : null}
          <p>Its users, addresses and settings go with it. This cannot be undone from Backdesk.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
