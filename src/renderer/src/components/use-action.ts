import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import { errorMessage } from '../api'

/**
 * Runs an async action with busy and error state. A second call while one runs is ignored, so a
 * double click never sends a request twice. `run` keeps its identity across renders (it always
 * calls the latest `action`), so it is safe in effect dependencies.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const running = useRef(false)
  const latest = useRef(action)
  // Refreshed in the commit itself (a layout effect), not after it: a click on what a render just
  // drew must run that render's action. A passive effect can still be pending then (seen on a busy
  // machine: Apply pressed as soon as the preview showed ran the action that had no preview yet).
  useLayoutEffect(() => {
    latest.current = action
  })
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (running.current) return undefined
    running.current = true
    setBusy(true)
    setError(null)
    try {
      return await latest.current(...args)
    } catch (err) {
      setError(errorMessage(err))
      return undefined
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  return { run, busy, error, setError }
}
