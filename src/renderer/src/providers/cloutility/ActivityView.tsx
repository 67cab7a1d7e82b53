import { useState, type ReactNode } from 'react'
import type { JournalEntry, JournalVerdict } from '../../../../shared/contract/journal.contract'
import { formatDateTime } from '../../../../shared/format'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import type { CsvColumn } from '../../components/csv'
import { useAction } from '../../components/use-action'
import { LoadGate } from '../../components/LoadGate'
import { useLoadable } from '../../store/use-loadable'

const CSV: ReadonlyArray<CsvColumn<JournalEntry>> = [
  { header: 'Seq', value: (e) => e.seq },
  { header: 'When', value: (e) => e.at },
  { header: 'User', value: (e) => e.user },
  { header: 'Action', value: (e) => e.action },
  { header: 'Object type', value: (e) => e.object.type },
  { header: 'Object id', value: (e) => e.object.id },
  { header: 'Object name', value: (e) => e.object.name },
  { header: 'Result', value: (e) => e.result },
  { header: 'Request id', value: (e) => e.requestId },
  { header: 'Detail', value: (e) => e.detail },
  { header: 'Hash', value: (e) => e.hash }
]

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
        <table className="data" aria-label="Activity journal entries">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">User</th>
              <th scope="col">Action</th>
              <th scope="col">Object</th>
              <th scope="col">Result</th>
              <th scope="col">Request id</th>
            </tr>
          </thead>
          <tbody>
            {page.value?.entries.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No changes made through Backdesk yet.
                </td>
              </tr>
            )}
            {page.value?.entries.map((e) => (
              <tr key={e.seq} title={e.detail}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.user || '—'}</td>
                <td>{e.action}</td>
                <td>
                  {e.object.type} {e.object.name ? `“${e.object.name}”` : ''} <span className="muted small">#{e.object.id}</span>
                </td>
                <td>
                  <span className={`badge ${e.result === 'ok' ? 'badge-ok' : 'badge-error'}`}>{e.result}</span>
                </td>
                <td className="mono small">{e.requestId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </LoadGate>
    </section>
  )
}
