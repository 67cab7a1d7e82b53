import { useMemo, type ReactNode } from 'react'
import { codeTitle, formatBytes, formatCode, formatDateTime, formatNumber, formatPercent, formatText } from '../../../../shared/format'
import type { CloudAllyStatusEntry } from '../../../../shared/providers/cloudally/model'
import { CLOUDALLY_REGION_WORDS, CLOUDALLY_SOURCE_WORDS, CLOUDALLY_STATUS_WORDS, cloudAllySourceName } from '../../../../shared/providers/cloudally/words'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { LoadState } from '../../components/LoadState'
import { StatusWord } from '../../components/StatusWord'
import { useCloudAlly } from './use-cloudally'

interface SourceRow {
  source: string
  total: number
  failed: number
  running: number
}

function bySourceFailuresFirst(entries: readonly CloudAllyStatusEntry[]): SourceRow[] {
  const bySource = new Map<string, SourceRow>()
  for (const e of entries) {
    const k = e.source ?? ''
    const s = bySource.get(k) ?? { source: k, total: 0, failed: 0, running: 0 }
    s.total++
    if (e.overall === 'FAILED') s.failed++
    if (e.overall === 'IN_PROGRESS') s.running++
    bySource.set(k, s)
  }
  return [...bySource.values()].sort((a, b) => b.failed - a.failed || a.source.localeCompare(b.source))
}

const NO_ENTRIES: CloudAllyStatusEntry[] = []

const sourceKey = (s: SourceRow): string => s.source

const SOURCE_COLUMNS: ReadonlyArray<TableColumn<SourceRow>> = [
  {
    id: 'source',
    header: 'Source',
    text: (s) => (s.source ? cloudAllySourceName(s.source) : 'Unknown'),
    title: (s) => codeTitle(s.source, CLOUDALLY_SOURCE_WORDS),
    sortValue: (s) => cloudAllySourceName(s.source),
    width: 220,
    grow: true
  },
  { id: 'total', header: 'Entities', text: (s) => formatNumber(s.total), sortValue: (s) => s.total, width: 100, align: 'end' },
  {
    id: 'failed',
    header: 'Failed',
    text: (s) => formatNumber(s.failed),
    cell: (s) => (s.failed > 0 ? <span className="badge badge-error">{formatNumber(s.failed)}</span> : '0'),
    sortValue: (s) => s.failed,
    width: 90,
    align: 'end'
  },
  { id: 'running', header: 'Running', text: (s) => formatNumber(s.running), sortValue: (s) => s.running, width: 90, align: 'end' }
]

/** The entity's overall state: OK reads as the partner API's ACTIVE would. */
const overallWord = (e: CloudAllyStatusEntry): string => formatCode(e.overall, CLOUDALLY_STATUS_WORDS)

const ENTITY_COLUMNS: ReadonlyArray<TableColumn<CloudAllyStatusEntry>> = [
  {
    id: 'status',
    header: 'Status',
    text: overallWord,
    title: (e) => codeTitle(e.overall, CLOUDALLY_STATUS_WORDS),
    cell: (e) => <StatusWord value={e.overall} words={CLOUDALLY_STATUS_WORDS} />,
    sortValue: overallWord,
    width: 104
  },
  { id: 'entity', header: 'Entity', text: (e) => formatText(e.entityName), sortValue: (e) => e.entityName, width: 200 },
  {
    id: 'source',
    header: 'Source',
    text: (e) => cloudAllySourceName(e.source),
    title: (e) => codeTitle(e.source, CLOUDALLY_SOURCE_WORDS),
    sortValue: (e) => (e.source ? cloudAllySourceName(e.source) : undefined),
    width: 150
  },
  { id: 'lastBackup', header: 'Last backup', text: (e) => formatDateTime(e.lastBackupDate), sortValue: (e) => e.lastBackupDate ?? undefined, width: 150 },
  { id: 'lastAttempt', header: 'Last attempt', text: (e) => formatDateTime(e.lastBackupAttemptDate), sortValue: (e) => e.lastBackupAttemptDate ?? undefined, width: 150 },
  { id: 'size', header: 'Size', text: (e) => formatBytes(e.size), sortValue: (e) => e.size ?? undefined, width: 90, align: 'end' },
  { id: 'problem', header: 'Problem', text: (e) => e.backupStatus.find((b) => b.error)?.error ?? '', width: 220, grow: true }
]

/** Partner profile, then backup status by source with failures first. */
export function OverviewView({ connectionId }: { connectionId: string }): ReactNode {
  const partner = useCloudAlly(connectionId, 'partner')
  const status = useCloudAlly(connectionId, 'status')
  const entries = status.value ?? NO_ENTRIES
  const sources = useMemo(() => bySourceFailuresFirst(entries), [entries])
  // An entity has no id of its own (a task can list one twice): its place in the answer is its key.
  const entityKey = useMemo(() => {
    const index = new Map(entries.map((e, i) => [e, i]))
    return (e: CloudAllyStatusEntry) => index.get(e) ?? -1
  }, [entries])
  const p = partner.value
  return (
    <>
      <section className="panel" aria-labelledby="ca-partner">
        <h2 id="ca-partner">Partner</h2>
        <LoadState loading={partner.loading} error={partner.error} loadedAt={partner.loadedAt} onReload={partner.reload} />
        {p && (
          <dl className="facts" data-testid="cloudally-partner">
            {(
              [
                ['Partner id', p.partnerId],
                ['Contact', p.contactName],
                ['Email', p.email],
                ['Phone', p.phone],
                ['Address', p.address],
                ['Region', p.region ? formatCode(p.region, CLOUDALLY_REGION_WORDS) : undefined],
                ['Currency', p.currency],
                ['Discount', p.discount === undefined ? undefined : formatPercent(p.discount)]
              ] as const
            ).map(([k, v]) => (
              <div className="fact" key={k}>
                <dt>{k}</dt>
                <dd>{formatText(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section className="panel" aria-labelledby="ca-status">
        <h2 id="ca-status">Backup status</h2>
        <LoadState loading={status.loading} error={status.error} loadedAt={status.loadedAt} onReload={status.reload} />
        {sources.length > 0 && (
          <DataTable tableId="cloudally.status-by-source" rows={sources} columns={SOURCE_COLUMNS} rowKey={sourceKey} label="Backup status by source" />
        )}
        {entries.length > 0 && (
          <>
            <h3>Entities (failures first)</h3>
            <DataTable
              tableId="cloudally.status-by-entity"
              rows={entries}
              columns={ENTITY_COLUMNS}
              rowKey={entityKey}
              label="Backup status by entity"
              // A partner can have thousands of entities: a windowed list past a screenful.
              height={entries.length > 50 ? '60vh' : undefined}
            />
          </>
        )}
      </section>
    </>
  )
}
