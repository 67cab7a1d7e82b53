import { useCallback, useMemo, useState, type ReactNode } from 'react'
import type { CloudAllyBackupTask } from '../../../../shared/providers/cloudally/model'
import { codeTitle, formatBytes, formatCode, formatDateTime, formatRelativeText, formatText } from '../../../../shared/format'
import { CLOUDALLY_FREQUENCY_WORDS, CLOUDALLY_SOURCE_WORDS, CLOUDALLY_STATUS_WORDS, CLOUDALLY_TYPE_WORDS, cloudAllySourceName } from '../../../../shared/providers/cloudally/words'
import { DataTable, sortRows, type SortState, type TableColumn } from '../../components/DataTable'
import { DATE_TIME_COLUMN_WIDTH } from '../../components/column-widths'
import { distinct, FilterSelect } from '../../components/FilterSelect'
import { LoadState } from '../../components/LoadState'
import { StatusWord } from '../../components/StatusWord'
import { RestoreDialog, type RestoreTarget } from './RestoreDialog'
import { useCloudAlly } from './use-cloudally'

interface Row {
  key: string
  /** The id a restore is asked for (the backup task's). */
  taskId: string
  name: string
  account?: string | undefined
  source?: string | undefined
  type?: string | undefined
  status?: string | undefined
  result?: string | undefined
  size?: number | null | undefined
  lastBackup?: string | null | undefined
  nextBackup?: string | undefined
  schedule?: string | undefined
  createdAt?: string | undefined
  issues: string[]
}

const MAX_ROWS = 500
const rowKey = (r: Row) => r.key

function scheduleText(t: CloudAllyBackupTask | undefined): string | undefined {
  if (!t?.schedule) return undefined
  const { frequency, timezone } = t.schedule
  return [frequency ? formatCode(frequency, CLOUDALLY_FREQUENCY_WORDS) : '', timezone ? `(${timezone})` : ''].filter(Boolean).join(' ') || undefined
}

/** One word per state: the partner API's PAUSED and the backup-task API's paused filter together. */
const statusWord = (value: string) => formatCode(value, CLOUDALLY_STATUS_WORDS)
const typeWord = (value: string) => formatCode(value, CLOUDALLY_TYPE_WORDS)

/** What the search box matches: the names shown, and the codes behind the source and type. */
function searchText(r: Row): string {
  const words = [r.name, r.account, r.taskId, r.source, r.source && cloudAllySourceName(r.source), r.type, r.type && typeWord(r.type)]
  return words.filter(Boolean).join(' ').toLowerCase()
}

/**
 * Partner tasks joined with backup tasks (schedule, workload type and the seed-schema check).
 * Values outside the seed schema are shown as they came, with their issues listed.
 */
export function TasksView({
  connectionId,
  partnerMode,
  focusTaskId
}: {
  connectionId: string
  partnerMode: boolean
  /** Show this task (from a search result or a fleet row): the search box is set to its id. */
  focusTaskId?: string | undefined
}): ReactNode {
  const backup = useCloudAlly(connectionId, 'backupTasks')
  const tasks = useCloudAllyMaybe(connectionId, partnerMode)
  const [type, setType] = useState('')
  const [source, setSource] = useState('')
  const [status, setStatus] = useState('')
  const [search, setSearch] = useState(focusTaskId ?? '')
  const [seenFocus, setSeenFocus] = useState(focusTaskId)
  if (focusTaskId !== seenFocus) {
    setSeenFocus(focusTaskId)
    if (focusTaskId) setSearch(focusTaskId)
  }
  const [target, setTarget] = useState<RestoreTarget | null>(null)

  const taskData = tasks?.value
  const backupData = backup.value
  const rows = useMemo<Row[]>(() => {
    const byId = new Map((backupData ?? []).map((b) => [b.id, b]))
    if (partnerMode && taskData) {
      const used = new Set<string>()
      const out: Row[] = taskData.map((t) => {
        const bt = byId.get(t.backupTaskId ?? t.id)
        if (bt) used.add(bt.id)
        return {
          key: `t-${t.id}`,
          taskId: bt?.id ?? t.backupTaskId ?? t.id,
          name: t.alias ?? bt?.name ?? t.account ?? t.id,
          account: t.account ?? t.userEmail,
          source: t.source ?? bt?.source,
          type: bt?.type,
          status: t.status,
          result: bt?.status,
          size: t.size ?? bt?.size,
          lastBackup: t.lastBackup ?? bt?.lastBackup,
          nextBackup: t.nextBackup,
          schedule: scheduleText(bt),
          createdAt: t.createDate ?? bt?.createdAt,
          issues: bt?.schemaIssues ?? []
        }
      })
      // Backup tasks without a partner task still show.
      for (const bt of backupData ?? []) if (!used.has(bt.id)) out.push(fromBackup(bt))
      return out
    }
    return (backupData ?? []).map(fromBackup)
  }, [backupData, taskData, partnerMode])

  const q = search.trim().toLowerCase()
  const filtered = useMemo(
    () =>
      rows.filter(
        (r) =>
          (!type || r.type === type) &&
          (!source || r.source === source) &&
          (!status || (r.status !== undefined && statusWord(r.status) === status) || (r.result !== undefined && statusWord(r.result) === status)) &&
          (!q || searchText(r).includes(q))
      ),
    [rows, type, source, status, q]
  )
  const withIssues = rows.filter((r) => r.issues.length > 0).length

  const restore = useCallback(
    (r: Row) =>
      setTarget({
        taskId: r.taskId,
        name: r.name,
        ...(r.source ? { source: r.source } : {}),
        ...(r.lastBackup !== undefined ? { lastBackup: r.lastBackup } : {}),
        ...(r.createdAt ? { createdAt: r.createdAt } : {})
      }),
    []
  )
  // At 1280 px the task, its status, result, size and last backup are in view; the rest scrolls
  // sideways under the action column, which stays at the right edge.
  const columns = useMemo<Array<TableColumn<Row>>>(
    () => [
      {
        id: 'task',
        header: 'Task',
        text: (r) => `${r.name} · ${r.account ?? r.taskId}`,
        sortValue: (r) => r.name,
        cell: (r) => (
          <>
            {r.name}
            <div className="muted small cell-sub">{r.account ?? r.taskId}</div>
          </>
        ),
        width: 150,
        grow: true
      },
      {
        id: 'source',
        header: 'Source',
        text: (r) => cloudAllySourceName(r.source),
        title: (r) => codeTitle(r.source, CLOUDALLY_SOURCE_WORDS),
        sortValue: (r) => (r.source ? cloudAllySourceName(r.source) : undefined),
        width: 120
      },
      {
        id: 'type',
        header: 'Type',
        text: (r) => formatCode(r.type, CLOUDALLY_TYPE_WORDS),
        title: (r) => codeTitle(r.type, CLOUDALLY_TYPE_WORDS),
        sortValue: (r) => (r.type ? typeWord(r.type) : undefined),
        width: 100
      },
      {
        id: 'status',
        header: 'Status',
        text: (r) => (r.status ? statusWord(r.status) : '—'),
        title: (r) => codeTitle(r.status, CLOUDALLY_STATUS_WORDS),
        sortValue: (r) => (r.status ? statusWord(r.status) : undefined),
        cell: (r) => (r.status ? <StatusWord value={r.status} words={CLOUDALLY_STATUS_WORDS} /> : '—'),
        width: 96
      },
      {
        id: 'result',
        header: 'Last result',
        text: (r) => (r.result ? statusWord(r.result) : '—'),
        title: (r) => codeTitle(r.result, CLOUDALLY_STATUS_WORDS),
        sortValue: (r) => (r.result ? statusWord(r.result) : undefined),
        cell: (r) => (r.result ? <StatusWord value={r.result} words={CLOUDALLY_STATUS_WORDS} /> : '—'),
        width: 104
      },
      { id: 'size', header: 'Size', text: (r) => formatBytes(r.size), sortValue: (r) => r.size ?? undefined, align: 'end', width: 80 },
      {
        id: 'lastBackup',
        header: 'Last backup',
        text: (r) => formatDateTime(r.lastBackup),
        sortValue: (r) => (r.lastBackup ? Date.parse(r.lastBackup) : undefined),
        width: DATE_TIME_COLUMN_WIDTH
      },
      { id: 'nextBackup', header: 'Next backup', text: (r) => formatRelativeText(r.nextBackup), width: 120 },
      { id: 'schedule', header: 'Schedule', text: (r) => formatText(r.schedule), width: 120 },
      {
        id: 'schema',
        header: 'Schema',
        text: (r) => (r.issues.length === 0 ? 'ok' : r.issues.join('; ')),
        cell: (r) =>
          r.issues.length === 0 ? (
            <span className="muted small">ok</span>
          ) : (
            <details>
              <summary className="badge badge-warn">{r.issues.length} outside schema</summary>
              <ul className="small">
                {r.issues.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ul>
            </details>
          ),
        width: 140
      },
      {
        id: 'actions',
        header: 'Actions',
        text: () => '',
        cell: (r) => (
          <button
            type="button"
            className="btn"
            aria-label={`Restore or download ${r.name}`}
            disabled={!r.lastBackup}
            title={r.lastBackup ? undefined : 'No backup to restore from yet'}
            onClick={() => restore(r)}
          >
            Restore…
          </button>
        ),
        csv: [],
        width: 104,
        sticky: true
      }
    ],
    [restore]
  )
  // The whole filtered list is sorted, then the first rows are shown.
  const [sort, setSort] = useState<SortState | undefined>()
  const shown = useMemo(() => {
    const column = columns.find((c) => c.id === sort?.columnId)
    return sortRows(filtered, column, sort?.direction ?? 'asc').slice(0, MAX_ROWS)
  }, [filtered, columns, sort])

  return (
    <section className="panel" aria-labelledby="ca-tasks">
      <h2 id="ca-tasks">Tasks and backup tasks</h2>
      <LoadState
        loading={backup.loading || !!tasks?.loading}
        error={tasks ? tasks.error : backup.error}
        loadedAt={backup.loadedAt}
        onReload={() => {
          backup.reload()
          tasks?.reload()
        }}
      />
      <div className="toolbar filters">
        <FilterSelect id="ca-filter-type" label="Type" value={type} options={distinct(rows.map((r) => r.type))} labelOf={typeWord} onChange={setType} />
        <FilterSelect id="ca-filter-source" label="Source" value={source} options={distinct(rows.map((r) => r.source))} labelOf={cloudAllySourceName} onChange={setSource} />
        <FilterSelect
          id="ca-filter-status"
          label="Status"
          value={status}
          options={distinct(rows.flatMap((r) => [r.status, r.result]).map((v) => (v ? statusWord(v) : undefined)))}
          onChange={setStatus}
        />
        <span className="filter filter-text">
          <label htmlFor="ca-filter-search">Search</label>
          <input id="ca-filter-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, account, source or id" />
        </span>
      </div>
      <p className="muted small">
        {filtered.length} of {rows.length} tasks
        {withIssues > 0 ? ` · ${withIssues} do not match the published backup-task schema; their values are shown as CloudAlly sent them` : ''}
        {filtered.length > MAX_ROWS ? ` · showing the first ${MAX_ROWS}; narrow the filters to see the rest` : ''}
      </p>
      {/* A partner's tasks are its list; the backup-task list (the seed's word only, which a server
          may not offer) only adds their schedules and workload types, so its failure is a note. */}
      {tasks && backup.error && (
        <p className="muted small" role="note" data-testid="cloudally-backup-tasks-note">
          Schedules and workload types are left out: the backup-task list could not be read. {backup.error}
        </p>
      )}
      <DataTable tableId="cloudally.tasks" rows={shown} columns={columns} rowKey={rowKey} label="CloudAlly tasks" sort={sort} onSortChange={setSort} presorted rowTestId="cloudally-task-row" />
      {target && <RestoreDialog connectionId={connectionId} target={target} onClose={() => setTarget(null)} />}
    </section>
  )
}

function fromBackup(bt: CloudAllyBackupTask): Row {
  return {
    key: `b-${bt.id}`,
    taskId: bt.id,
    name: bt.name ?? bt.id,
    source: bt.source,
    type: bt.type,
    result: bt.status,
    size: bt.size,
    lastBackup: bt.lastBackup,
    schedule: scheduleText(bt),
    createdAt: bt.createdAt,
    issues: bt.schemaIssues
  }
}

/** Partner tasks only exist for partner logins. */
function useCloudAllyMaybe(connectionId: string, partnerMode: boolean) {
  // Hooks must not be conditional: a portal user asks for nothing (the slice skips loading).
  const tasks = useCloudAlly(connectionId, partnerMode ? 'tasks' : 'backupTasks')
  return partnerMode ? (tasks as ReturnType<typeof useCloudAlly<'tasks'>>) : undefined
}
