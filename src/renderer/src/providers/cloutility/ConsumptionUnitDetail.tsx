import { useId, useState, type ReactNode } from 'react'
import { codeTitle, formatBytes, formatCode, formatDate, formatDateTime } from '../../../../shared/format'
import { ERROR_STATUS_WORDS } from '../../../../shared/providers/cloutility/words'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { DEFAULT_VIEW, unitsKey, type ConsumerTab } from './cloutility.slice'
import { AuditLogView } from './AuditLogView'
import { Fact } from '../../components/Fact'
import { LoadGate } from '../../components/LoadGate'
import { StatusBadge } from './StatusBadge'
import { FilespacesTab } from './FilespacesTab'
import { JobsTab } from './JobsTab'
import { ReportsTab } from './ReportsTab'
import { ConsumptionUnitForm } from './ConsumptionUnitForm'
import { NodeTab } from './NodeTab'
import { ProxyTab } from './ProxyTab'
import { Tabs, type TabDef } from '../../components/Tabs'
import { useLoadable } from '../../store/use-loadable'

const TABS: ReadonlyArray<TabDef<ConsumerTab>> = [
  { id: 'node', label: 'Node' },
  { id: 'filespaces', label: 'Filespaces' },
  { id: 'jobs', label: 'Jobs' },
  { id: 'reports', label: 'Reports' },
  { id: 'audit', label: 'Audit log' },
  { id: 'proxy', label: 'Proxy relations' }
]

export function ConsumptionUnitDetail({
  connectionId,
  businessUnitId,
  businessUnitName,
  consumptionUnitId,
  onBack
}: {
  connectionId: string
  businessUnitId: number
  businessUnitName: string
  consumptionUnitId: number
  /** Back to the business unit's view (the breadcrumb, or after the unit is deleted). */
  onBack: () => void
}): ReactNode {
  const id = useId()
  const tab = useStore((s) => (s.cloutilityViews[connectionId] ?? DEFAULT_VIEW).consumerTab)
  const setView = useStore((s) => s.setCloutilityView)
  const reloadUnits = useStore((s) => s.loadConsumptionUnits)
  // What the unit's list already knows shows at once; the full object follows.
  const listed = useStore((s) => s.cloutilityUnits[unitsKey(connectionId, businessUnitId)]?.value?.items.find((c) => c.id === consumptionUnitId))
  const where = { connectionId, businessUnitId, consumptionUnitId }
  const cu = useLoadable(() => call('cloutility.consumptionUnit.get', where), `${connectionId}/${businessUnitId}/${consumptionUnitId}`)
  const unit = cu.value ? { ...listed, ...cu.value } : listed
  const name = unit?.name ?? `#${consumptionUnitId}`
  const pushToast = useStore((s) => s.pushToast)
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null)
  const [deleteAssociations, setDeleteAssociations] = useState(true)
  const [comment, setComment] = useState('')

  // A node change (activation above all) changes the unit's node name, state and status.
  const changed = () => {
    cu.reload()
    void reloadUnits(connectionId, businessUnitId, true)
  }
  const gone = () => {
    void reloadUnits(connectionId, businessUnitId, true)
    onBack()
  }
  const del = useAction(async () => {
    await call('cloutility.consumptionUnit.delete', {
      ...where,
      deleteAssociations,
      ...(comment.trim() ? { deletionComment: comment.trim() } : {}),
      confirmId: consumptionUnitId
    })
    setDialog(null)
    // The screen goes back to the list: say what happened there.
    pushToast({ level: 'success', message: `Deleted consumption unit ${name}.` })
    gone()
  })

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <button type="button" className="link" onClick={onBack}>
          ← {businessUnitName}
        </button>
      </nav>
      <div className="toolbar">
        <h2 id={`${id}-h`} className="inline-heading">
          {name}
        </h2>
        <StatusBadge status={unit?.status} />
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setDialog('edit')} disabled={!cu.value}>
          Edit…
        </button>
        <button type="button" className="btn btn-danger" onClick={() => setDialog('delete')}>
          Delete…
        </button>
      </div>
      <LoadGate loading={cu.loading && !unit} error={cu.error} onRetry={cu.reload}>
        <dl className="facts facts-wide" data-testid="unit-summary">
          <Fact label="Id" code>{consumptionUnitId}</Fact>
          <Fact label="Node name" code>{unit?.nodeName}</Fact>
          <Fact label="State">{unit?.state}</Fact>
          <Fact label="Storage">{unit?.storageBytes !== undefined ? formatBytes(unit.storageBytes) : undefined}</Fact>
          <Fact label="Last backup">
            {unit?.lastBackup ? (
              <span title={unit.lastBackupStatus ? codeTitle(unit.lastBackupStatus, ERROR_STATUS_WORDS) : undefined}>
                {formatDateTime(unit.lastBackup)}
                {unit.lastBackupStatus ? ` (${formatCode(unit.lastBackupStatus, ERROR_STATUS_WORDS)})` : ''}
              </span>
            ) : undefined}
          </Fact>
          <Fact label="Latest restore point">{unit?.latestRestorePoint ? formatDateTime(unit.latestRestorePoint) : undefined}</Fact>
          <Fact label="Billing since">{unit?.billingStartDate ? formatDate(unit.billingStartDate) : undefined}</Fact>
          <Fact label="External reference" code>{unit?.externalReference}</Fact>
          <Fact label="Note">{unit?.note}</Fact>
        </dl>
      </LoadGate>
      <Tabs label={`Details of ${name}`} tabs={TABS} selected={tab} onSelect={(t) => setView(connectionId, { consumerTab: t })}>
        {tab === 'node' && <NodeTab where={where} consumptionUnit={unit} onChanged={changed} onDeleted={gone} />}
        {tab === 'filespaces' && <FilespacesTab where={where} name={name} />}
        {tab === 'jobs' && <JobsTab where={where} name={name} />}
        {tab === 'reports' && <ReportsTab where={where} name={name} />}
        {tab === 'audit' && <AuditLogView connectionId={connectionId} businessUnitId={businessUnitId} consumptionUnitId={consumptionUnitId} name={name} />}
        {tab === 'proxy' && <ProxyTab where={where} name={name} />}
      </Tabs>
      {dialog === 'edit' && cu.value && (
        <ConsumptionUnitForm
          connectionId={connectionId}
          businessUnitId={businessUnitId}
          existing={cu.value}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null)
            cu.set(saved)
            cu.reload()
            void reloadUnits(connectionId, businessUnitId, true)
          }}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete consumption unit “${name}”?`}
          confirmLabel="Delete consumption unit"
          typeToConfirm={name}
          busy={del.busy}
          error={del.error}
          onCancel={() => setDialog(null)}
          onConfirm={() => void del.run()}
        >
          <p>
            This deletes the consumption unit <strong>{name}</strong> (id {consumptionUnitId}) from <strong>{businessUnitName}</strong>
            {unit?.nodeName ? (
              <>
                {' '}
                and locks its backup node <strong className="mono">{unit.nodeName}</strong> on the backup server
              </>
            ) : null}
            . Its backed-up data is kept until the retention rules remove it; billing for it stops.
          </p>
          <label className="check" htmlFor={`${id}-assoc`}>
            <input id={`${id}-assoc`} type="checkbox" checked={deleteAssociations} onChange={(e) => setDeleteAssociations(e.target.checked)} /> Also delete its
            schedule associations on the backup server (deleteAssociations)
          </label>
          <label htmlFor={`${id}-comment`}>Deletion comment (optional)</label>
          <input id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} />
        </ConfirmDialog>
      )}
    </section>
  )
}
