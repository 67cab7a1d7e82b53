import type { ReactNode } from 'react'
import { formatDate } from '../restores/format'

export function LoadState({ loading, error, loadedAt, onReload }: { loading: boolean; error?: string | undefined; loadedAt?: string | undefined; onReload: () => void }): ReactNode {
  return (
    <div className="toolbar">
      <button type="button" className="btn" onClick={onReload} disabled={loading}>
        {loading ? 'Loading…' : 'Reload'}
      </button>
      {loadedAt && <span className="muted small">as of {formatDate(loadedAt)}</span>}
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

export function StatusWord({ value }: { value: string | undefined }): ReactNode {
  const v = (value ?? '').toUpperCase()
  const cls = /FAIL|ERROR|SUSPEND/.test(v) ? 'badge-error' : /PROGRESS|PAUSE|PENDING|TRIAL/.test(v) ? 'badge-warn' : /ACTIVE|SUCCESS|OK|COMPLETED/.test(v) ? 'badge-ok' : 'badge-muted'
  return <span className={`badge ${cls}`}>{value ?? '—'}</span>
}

export function Select({ label, value, options, onChange, id }: { label: string; value: string; options: string[]; onChange: (v: string) => void; id: string }): ReactNode {
  return (
    <span className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </span>
  )
}

export function distinct(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort()
}
