import type { JournalEntry } from '../../../../shared/contract/journal.contract'
import { DASH, formatDateTime } from '../../../../shared/format'
import type { TableColumn } from '../../components/DataTable'
import { DATE_TIME_COLUMN_WIDTH } from '../../components/column-widths'
import {
  journalActionText,
  journalActionTitle,
  journalObjectKind,
  journalObjectText,
  journalProviderLabel,
  journalResultText,
  journalResultTitle
} from './journal-words'

/**
 * The Activity table's columns: words on screen, codes in the tooltips and the CSV. Their widths
 * add up to less than what a 1280 px window leaves the table (982 px), with room for the list's
 * own scrollbar, so it needs no sideways scroll there; the object takes what a wider window
 * adds. A cut-off cell shows its whole text on hover.
 */
export function journalColumns(connectionName: (id: string) => string): Array<TableColumn<JournalEntry>> {
  return [
    {
      id: 'at',
      header: 'When',
      text: (e) => formatDateTime(e.at),
      sortValue: (e) => e.seq,
      csv: [
        { header: 'Seq', value: (e) => e.seq },
        { header: 'When', value: (e) => e.at }
      ],
      width: DATE_TIME_COLUMN_WIDTH
    },
    {
      id: 'connection',
      header: 'Connection',
      text: (e) => connectionName(e.connectionId),
      sortValue: (e) => connectionName(e.connectionId),
      csv: [
        { header: 'Connection', value: (e) => connectionName(e.connectionId) },
        { header: 'Connection id', value: (e) => e.connectionId }
      ],
      width: 128
    },
    { id: 'provider', header: 'Provider', text: journalProviderLabel, sortValue: journalProviderLabel, csv: [{ header: 'Provider', value: (e) => e.provider }], width: 84 },
    { id: 'user', header: 'User', text: (e) => e.user || DASH, sortValue: (e) => e.user, csv: [{ header: 'User', value: (e) => e.user }], width: 100 },
    {
      id: 'action',
      header: 'Action',
      text: journalActionText,
      title: journalActionTitle,
      sortValue: journalActionText,
      csv: [{ header: 'Action', value: (e) => e.action }],
      width: 140
    },
    {
      id: 'object',
      header: 'Object',
      text: journalObjectText,
      title: (e) => [journalObjectText(e), `(${e.object.type})`, e.detail].filter(Boolean).join(' '),
      cell: (e) => (
        <>
          {journalObjectKind(e)} {e.object.name ? `“${e.object.name}”` : ''} <span className="muted small">#{e.object.id}</span>
        </>
      ),
      sortValue: journalObjectText,
      csv: [
        { header: 'Object type', value: (e) => e.object.type },
        { header: 'Object id', value: (e) => e.object.id },
        { header: 'Object name', value: (e) => e.object.name }
      ],
      width: 140,
      grow: true
    },
    {
      id: 'result',
      header: 'Result',
      text: journalResultText,
      title: journalResultTitle,
      cell: (e) => <span className={`badge ${e.result === 'ok' ? 'badge-ok' : 'badge-error'}`}>{journalResultText(e)}</span>,
      sortValue: (e) => e.result,
      csv: [{ header: 'Result', value: (e) => e.result }],
      width: 72
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
      width: 112
    }
  ]
}
