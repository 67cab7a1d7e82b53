import { useState, type ReactNode } from 'react'
import type { JournalEntry, JournalVerdict } from '../../../../shared/contract/journal.contract'
import { codeTitle, DASH, formatCode, formatDateTime } from '../../../../shared/format'
import { JOURNAL_ACTION_WORDS, JOURNAL_OBJECT_WORDS, JOURNAL_RESULT_WORDS } from '../../../../shared/providers/cloutility/words'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import { csvColumnsOf, DataTable, type TableColumn } from '../../components/DataTable'
import { useAction } from '../../components/use-action'
import { LoadGate } from '../../components/LoadGate'
import { useLoadable } from '../../store/use-loadable'

// The journal stores codes ('changePassword', 'consumptionUnit', 'NOT_FOUND'); the table shows
// them in words with the code in the tooltip, the CSV keeps the codes.
const objectText = (e: JournalEntry): string =>
  [formatCode(e.object.type, JOURNAL_OBJECT_WORDS), e.object.name ? `“${e.object.name}”` : '', `#${e.object.id}`].filter(Boolean).join(' ')

const COLUMNS: ReadonlyArray<TableColumn<JournalEntry>> = [
  {
    id: 'at',
    header: 'When',
    text: (e) => formatDateTime(e.at),
    sortValue: (e) => e.seq,
    csv: [
      { header: 'Seq', value: (e) => e.seq },
      { header: 'When', value: (e) => e.at }
    ],
    width: 168
  },
  { id: 'user', header: 'User', text: (e) => e.user || DASH, sortValue: (e) => e.user, csv: [{ header: 'User', value: (e) => e.user }], width: 140 },
  {
    id: 'action',
    header: 'Action',
    text: (e) => formatCode(e.action, JOURNAL_ACTION_WORDS),
    title: (e) => codeTitle(e.action, JOURNAL_ACTION_WORDS),
    sortValue: (e) => formatCode(e.action, JOURNAL_ACTION_WORDS),
    csv: [{ header: 'Action', value: (e) => e.action }],
    width: 200
  },
  {
    id: 'object',
    header: 'Object',
    text: objectText,
    title: (e) => [objectText(e), `(${e.object.type})`, e.detail].filter(Boolean).join(' '),
    cell: (e) => (
      <>
        {formatCode(e.object.type, JOURNAL_OBJECT_WORDS)} {e.object.name ? `“${e.object.name}”` : ''} <span className="muted small">#{e.object.id}</span>
      </>
    ),
    sortValue: objectText,
    csv: [
      { header: 'Object type', value: (e) => e.object.type },
      { header: 'Object id', value: (e) => e.object.id },
      { header: 'Object name', value: (e) => e.object.name }
    ],
    width: 240,
    grow: true
  },
  {
    id: 'result',
    header: 'Result',
    text: (e) => formatCode(e.result, JOURNAL_RESULT_WORDS),
    title: (e) => codeTitle(e.result, JOURNAL_RESULT_WORDS),
    cell: (e) => <span className={`badge ${e.result === 'ok' ? 'badge-ok' : 'badge-error'}`}>{formatCode(e.result, JOURNAL_RESULT_WORDS)}</span>,
    sortValue: (e) => e.result,
    csv: [{ header: 'Result', value: (e) => e.result }],
    width: 120
  },
  {
    id: 'requestId',
    header: 'Request id',
    text: (e) => e.requestId ?? DASH,
    cell: (e) => <span className="mono small">{e.requestId ?? DASH}</span>,
    csv: [
      { header: 'Request id', value: (e) => e.requestId },
      { header: 'Detail', value: (e) => e.detail },
      { header: 'Hash', value: (e) => e.hash }
    ],
    width: 160
  }
]
const CSV = csvColumnsOf(COLUMNS)
const rowKey = (e: JournalEntry): number => e.seq

const PAGE = 50

/** This connection's entries in the local activity journal, and a check of its hash chain. */
export function ActivityView({ connectionId }: { connectionId: string }): ReactNode {
  const [offset, setOffset] = useState(0)
  const page = useLoadable(() => call('journal.list', { connectionId, offset, limit: PAGE }), `${connectionId}/${offset}`)
  const [verdict, setVerdict] = useState<JournalVerdict | null>(null)
  const verify = useAction(async () => setVerdict(await call('journal.verify', {})))
  const total = page.value?.total ?? 0
  return (
    <section aria-label="Activity journal">
      <p className="muted">
        Every change Backdesk made through this connection, kept on this computer, encrypted under the vault. Each entry carries a keyed hash of the one before it, so
        editing the file shows.
      </p>
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => void verify.run()} disabled={verify.busy}>
          Check the journal
        </button>
        <button type="button" className="btn" onClick={page.reload}>
          Refresh
        </button>
        <span className="spacer" />
        <button type="button" className="btn" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Newer
        </button>
        <button type="button" className="btn" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Older
        </button>
        <CsvExport rows={page.value?.entries ?? []} columns={CSV} name={['activity', connectionId]} />
      </div>
      {verify.error && <p className="error-text">{verify.error}</p>}
      {verdict && (
        <p className={verdict.ok ? 'banner banner-info' : 'banner banner-error'} role="status">
          {verdict.ok ? `The journal is intact (${verdict.entries} entries).` : `The journal was tampered with at line ${verdict.line}: ${verdict.reason}`}
          {verdict.note ? ` ${verdict.note}` : ''}
        </p>
      )}
      <LoadGate loading={page.loading && !page.value} error={page.error} onRetry={page.reload}>
        <DataTable
          tableId="activity.journal"
          rows={page.value?.entries ?? []}
          columns={COLUMNS}
          rowKey={rowKey}
          label="Activity journal entries"
          emptyText="No changes made through Backdesk yet."
        />
      </LoadGate>
    </section>
  )
}
