import { useState, type ReactNode } from 'react'
import { formatBytes, formatDateTime, formatPercent } from '../../../../shared/format'
import type { Filespace } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { CsvExport } from '../../components/CsvExport'
import type { CsvColumn } from '../../components/csv'
import { LoadGate } from '../../components/LoadGate'
import { useLoadable } from '../../store/use-loadable'
import type { Where } from './where'

const FILESPACE_CSV: ReadonlyArray<CsvColumn<Filespace>> = [
  { header: 'Name', value: (f) => f.name },
  { header: 'Type', value: (f) => f.type },
  { header: 'Capacity (bytes)', value: (f) => f.capacityBytes },
  { header: 'Utilization (%)', value: (f) => f.utilization },
  { header: 'Stored (bytes)', value: (f) => f.storedBytes },
  { header: 'Last backup start', value: (f) => f.lastBackupStart },
  { header: 'Last backup end', value: (f) => f.lastBackupEnd }
]

export function FilespacesTab({ where, name }: { where: Where; name: string }): ReactNode {
  const [sync, setSync] = useState(false)
  const key = `${where.connectionId}/${where.businessUnitId}/${where.consumptionUnitId}/${sync}`
  const fs = useLoadable(() => call('cloutility.filespaces', { ...where, sync }), key)
  return (
    <>
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => (sync ? fs.reload() : setSync(true))} disabled={fs.loading}>
          Sync with the backup server
        </button>
        <span className="spacer" />
        <CsvExport rows={fs.value ?? []} columns={FILESPACE_CSV} name={['filespaces', name]} />
      </div>
      <LoadGate loading={fs.loading} error={fs.error} onRetry={fs.reload}>
        <table className="data" aria-label={`Filespaces of ${name}`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Capacity
              </th>
              <th scope="col" className="num">
                Utilization
              </th>
              <th scope="col" className="num">
                Stored
              </th>
              <th scope="col">Last backup start</th>
              <th scope="col">Last backup end</th>
            </tr>
          </thead>
          <tbody>
            {fs.value?.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  No filespaces yet: the node has not backed anything up.
                </td>
              </tr>
            )}
            {fs.value?.map((f) => (
              <tr key={f.id}>
                <td className="mono">{f.name}</td>
                <td>{f.type ?? '—'}</td>
                <td className="num">{formatBytes(f.capacityBytes)}</td>
                <td className="num">
                  {f.utilization !== undefined && (
                    <span className="progress inline-progress" aria-hidden="true">
                      <span style={{ width: `${Math.min(100, Math.max(0, f.utilization))}%` }} />
                    </span>
                  )}{' '}
                  {formatPercent(f.utilization)}
                </td>
                <td className="num">{formatBytes(f.storedBytes)}</td>
                <td>{formatDateTime(f.lastBackupStart)}</td>
                <td>{formatDateTime(f.lastBackupEnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </LoadGate>
    </>
  )
}
