import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../api'
import type { Loadable } from './resource'

/** A view's own read: the store's Loadable shape, with a way to read again. */
type ViewLoadable<T> = Loadable<T> & {
  reload: () => void
  /**
   * Shows `value` at once, as the latest answer (a save's answer): a dialog opened from it before
   * a reload lands must not start from the values the save replaced, and save them back.
   */
  set: (value: T) => void
}

interface Settled<T> {
  key: string
  nonce: number
  value?: T
  loadedAt?: string
  error?: string
}

/**
 * For reads only one view shows (a tab's list): kept in the view, not the store. Reads something when the view shows and whenever `key` changes; the answer of a read that was
 * overtaken by a newer one is dropped (no flashing of stale data after quick clicks). A reload
 * keeps showing the current data until the new answer arrives; a new key shows none.
 */
export function useLoadable<T>(load: () => Promise<T>, key: string): ViewLoadable<T> {
  const [nonce, setNonce] = useState(0)
  const [settled, setSettled] = useState<Settled<T> | undefined>(undefined)
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })

  useEffect(() => {
    let current = true
    loadRef.current().then(
      (value) => {
        if (current) setSettled({ key, nonce, value, loadedAt: new Date().toISOString() })
      },
      (err: unknown) => {
        if (current) setSettled({ key, nonce, error: errorMessage(err) })
      }
    )
    return () => {
      current = false
    }
  }, [key, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  const set = (value: T) => setSettled({ key, nonce, value, loadedAt: new Date().toISOString() })
  const sameKey = settled?.key === key
  const result: ViewLoadable<T> = { loading: !sameKey || settled.nonce !== nonce, reload, set }
  if (sameKey && settled.value !== undefined) result.value = settled.value
  if (sameKey && settled.loadedAt !== undefined) result.loadedAt = settled.loadedAt
  if (sameKey && settled.nonce === nonce && settled.error !== undefined) result.error = settled.error
  return result
}
