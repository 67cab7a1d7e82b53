import type { ReactNode } from 'react'
import { formatDateTime } from '../../../shared/format'

/** Reload button with when the data was loaded and the last error, above a list. */
export function LoadState({ loading, error, loadedAt, onReload }: { loading: boolean; error?: string | undefined; loadedAt?: string | undefined; onReload: () => void }): ReactNode {
  return (
    <div className="toolbar">
      <button type="button" className="btn" onClick={onReload} disabled={loading}>
        {loading ? 'Loading…' : 'Reload'}
      </button>
      {loadedAt && <span className="muted small">as of {formatDateTime(loadedAt)}</span>}
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}
