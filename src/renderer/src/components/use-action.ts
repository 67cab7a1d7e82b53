import { useCallback, useRef, useState } from 'react'
import { errorMessage } from '../api'

/**
 * Runs an async action with busy and error state. A second call while one runs is ignored, so a
 * double click never sends a request twice.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const running = useRef(false)
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (running.current) return undefined
      running.current = true
      setBusy(true)
      setError(null)
      try {
        return await action(...args)
      } catch (err) {
        setError(errorMessage(err))
        return undefined
      } finally {
        running.current = false
        setBusy(false)
      }
    },
    [action]
  )
  return { run, busy, error, setError }
}
