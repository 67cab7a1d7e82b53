import type { ReactNode } from 'react'

/** Loading / error line for a view; children when there is data. */
export function LoadGate({ loading, error, onRetry, children }: { loading: boolean; error: string | null | undefined; onRetry?: () => void; children: ReactNode }): ReactNode {
  if (error) {
    return (
      <div className="banner banner-error" role="alert">
        {error}{' '}
        {onRetry && (
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    )
  }
  if (loading) {
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    )
  }
  return <>{children}</>
}
