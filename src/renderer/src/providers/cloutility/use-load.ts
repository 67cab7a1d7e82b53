import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../api'

export interface LoadState<T> {
  data: T | undefined
  error: string | null
  loading: boolean
  reload: () => void
}

interface Settled<T> {
  key: string
  nonce: number
  data?: T
  error: string | null
}

/**
 * Reads something when the view shows and whenever `key` changes; the answer of a read that was
 * overtaken by a newer one is dropped (no flashing of stale data after quick clicks). A reload
 * keeps showing the current data until the new answer arrives; a new key shows none.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): LoadState<T> {
  const [nonce, setNonce] = useState(0)
  const [settled, setSettled] = useState<Settled<T> | undefined>(undefined)
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })

  useEffect(() => {
    let current = true
    loadRef.current().then(
      (data) => {
        if (current) setSettled({ key, nonce, data, error: null })
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
  const sameKey = settled?.key === key
  return {
    data: sameKey ? settled.data : undefined,
    error: sameKey && settled.nonce === nonce ? settled.error : null,
    loading: !sameKey || settled.nonce !== nonce,
    reload
  }
}
