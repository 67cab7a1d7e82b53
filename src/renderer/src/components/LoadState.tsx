import type { ReactNode } from 'react'
import { formatDateTime } from '../../../shared/format'

/**
 * Reload button with when the data was loaded and the last error, above a list. While loading the
 * button is aria-disabled, not disabled, which would throw the keyboard focus of whoever pressed
 * it to the page's body; a press then does nothing.
 */
export function LoadState({ loading, error, loadedAt, onReload }: { loading: boolean; error?: string | undefined; loadedAt?: string | undefined; onReload: () => void }): ReactNode {
  return (
    <div className="toolbar">
      <button type="button" className="btn" onClick={loading ? undefined : onReload} aria-disabled={loading || undefined}>
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
