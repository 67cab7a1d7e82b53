import { useMemo, type ReactNode } from 'react'
import { codeTitle, formatBytes, formatCode, formatDateTime, formatNumber, formatPercent, formatText } from '../../../../shared/format'
import type { CloudAllyStatusEntry, CloudAllyTask } from '../../../../shared/providers/cloudally/model'
import { byEntityStateFailuresFirst, entityState, type CloudAllyEntityState } from '../../../../shared/providers/cloudally/task-state'
import { CLOUDALLY_REGION_WORDS, CLOUDALLY_SOURCE_WORDS, CLOUDALLY_STATUS_WORDS, cloudAllySourceName } from '../../../../shared/providers/cloudally/words'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { DATE_TIME_COLUMN_WIDTH } from '../../components/column-widths'
import { LoadState } from '../../components/LoadState'
import { StatusWord } from '../../components/StatusWord'
import { useCloudAlly } from './use-cloudally'

interface SourceRow {
  source: string
  total: number
  failed: number
  running: number
}

/** A status-list entity with its state judged beside its task's (a paused task's entity reads Paused). */
interface JudgedEntity {
  entry: CloudAllyStatusEntry
  state: CloudAllyEntityState
}

function bySourceFailuresFirst(entities: readonly JudgedEntity[]): SourceRow[] {
  const bySource = new Map<string, SourceRow>()
  for (const { entry, state } of entities) {
    const k = entry.source ?? ''
    const s = bySource.get(k) ?? { source: k, total: 0, failed: 0, running: 0 }
    s.total++
    if (state === 'FAILED') s.failed++
    if (state === 'IN_PROGRESS') s.running++
    bySource.set(k, s)
  }
  return [...bySource.values()].sort((a, b) => b.failed - a.failed || a.source.localeCompare(b.source))
}

/** Each entity judged with its task's state (as Fleet health judges the task), failures first. */
function judgeEntities(entries: readonly CloudAllyStatusEntry[], tasks: readonly CloudAllyTask[]): JudgedEntity[] {
  const taskStatus = new Map(tasks.map((t) => [t.id, t.status]))
  const judged = entries.map((entry) => ({ entry, state: entityState(entry, entry.taskId ? taskStatus.get(entry.taskId) : undefined) }))
  // Stable: main's order (by outcome, then name) is kept within each state.
  return judged.sort((a, b) => byEntityStateFailuresFirst(a.state, b.state))
}

const NO_ENTRIES: CloudAllyStatusEntry[] = []
const NO_TASKS: CloudAllyTask[] = []

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

/** The entity's judged state in words: OK reads as the partner API's ACTIVE would. */
const stateWord = (e: JudgedEntity): string => formatCode(e.state, CLOUDALLY_STATUS_WORDS)

const ENTITY_COLUMNS: ReadonlyArray<TableColumn<JudgedEntity>> = [
  {
    id: 'status',
    header: 'Status',
    text: stateWord,
    title: (e) => (e.state === e.entry.overall ? codeTitle(e.state, CLOUDALLY_STATUS_WORDS) : `Task ${stateWord(e).toLowerCase()}; last run: ${formatCode(e.entry.overall, CLOUDALLY_STATUS_WORDS)}`),
    cell: (e) => <StatusWord value={e.state} words={CLOUDALLY_STATUS_WORDS} />,
    sortValue: stateWord,
    width: 104
  },
  { id: 'entity', header: 'Entity', text: (e) => formatText(e.entry.entityName), sortValue: (e) => e.entry.entityName, width: 170 },
  {
    id: 'source',
    header: 'Source',
    text: (e) => cloudAllySourceName(e.entry.source),
    title: (e) => codeTitle(e.entry.source, CLOUDALLY_SOURCE_WORDS),
    sortValue: (e) => (e.entry.source ? cloudAllySourceName(e.entry.source) : undefined),
    width: 130
  },
  // Whole date-times: a narrower column cut off the time of the last backup, which is what is read.
  { id: 'lastBackup', header: 'Last backup', text: (e) => formatDateTime(e.entry.lastBackupDate), sortValue: (e) => e.entry.lastBackupDate ?? undefined, width: DATE_TIME_COLUMN_WIDTH },
  {
    id: 'lastAttempt',
    header: 'Last attempt',
    text: (e) => formatDateTime(e.entry.lastBackupAttemptDate),
    sortValue: (e) => e.entry.lastBackupAttemptDate ?? undefined,
    width: DATE_TIME_COLUMN_WIDTH
  },
  { id: 'size', header: 'Size', text: (e) => formatBytes(e.entry.size), sortValue: (e) => e.entry.size ?? undefined, width: 90, align: 'end' },
  { id: 'problem', header: 'Problem', text: (e) => e.entry.backupStatus.find((b) => b.error)?.error ?? '', width: 220, grow: true }
]

/** Partner profile, then backup status by source with failures first. */
export function OverviewView({ connectionId }: { connectionId: string }): ReactNode {
  const partner = useCloudAlly(connectionId, 'partner')
  const status = useCloudAlly(connectionId, 'status')
  // The tasks say which are paused or suspended; until they have answered, no entity is judged.
  const tasks = useCloudAlly(connectionId, 'tasks')
  const tasksAnswered = tasks.value !== undefined || tasks.error !== undefined
  const entries = tasksAnswered ? (status.value ?? NO_ENTRIES) : NO_ENTRIES
  const taskList = tasks.value ?? NO_TASKS
  const entities = useMemo(() => judgeEntities(entries, taskList), [entries, taskList])
  const sources = useMemo(() => bySourceFailuresFirst(entities), [entities])
  // An entity has no id of its own (a task can list one twice): its place in the answer is its key.
  const entityKey = useMemo(() => {
    const index = new Map(entries.map((e, i) => [e, i]))
    return (e: JudgedEntity) => index.get(e.entry) ?? -1
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
        <LoadState
          loading={status.loading || !tasksAnswered}
          error={status.error}
          loadedAt={status.loadedAt}
          onReload={() => {
            status.reload()
            tasks.reload()
          }}
        />
        {tasks.error && <p className="muted small">Could not read the task list, so entities of a paused task show their last run: {tasks.error}</p>}
        {sources.length > 0 && (
          <DataTable tableId="cloudally.status-by-source" rows={sources} columns={SOURCE_COLUMNS} rowKey={sourceKey} label="Backup status by source" />
        )}
        {entities.length > 0 && (
          <>
            <h3>Entities (failures first)</h3>
            <DataTable
              tableId="cloudally.status-by-entity"
              rows={entities}
              columns={ENTITY_COLUMNS}
              rowKey={entityKey}
              label="Backup status by entity"
              // A partner can have thousands of entities: a windowed list past a screenful.
              height={entities.length > 50 ? '60vh' : undefined}
            />
          </>
        )}
      </section>
    </>
  )
}
