import { useEffect, type ReactNode } from 'react'
import { useStore } from '../store'

const AUTO_DISMISS_MS = 8000

/** In-app notifications, in every shell. Errors stay until dismissed. */
export function Toasts(): ReactNode {
  const toasts = useStore((s) => s.toasts)
  const dismiss = useStore((s) => s.dismissToast)
  useEffect(() => {
    const timers = toasts
      .filter((toast) => toast.level !== 'error')
      .map((toast) => setTimeout(() => dismiss(toast.id), AUTO_DISMISS_MS))
    return () => timers.forEach(clearTimeout)
  }, [toasts, dismiss])
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.level}`}>
          <span>{toast.message}</span>
          <button type="button" className="link" onClick={() => dismiss(toast.id)} aria-label="Dismiss notification">
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
