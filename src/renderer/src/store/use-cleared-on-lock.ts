import { useState } from 'react'
import { useStore } from './index'

/**
 * Calls `clear` once each time the vault locks. The app stays mounted (hidden) while locked so
 * half-filled forms survive, but a passphrase typed before the lock must not wait in the page
 * for whoever sits at the computer next: forms that hold one empty those fields here.
 */
export function useClearedOnLock(clear: () => void): void {
  const locked = useStore((s) => s.vault.value?.state === 'locked')
  const [seenLocked, setSeenLocked] = useState(locked)
  // Adjusted during render (as VaultGate does), so no frame shows the old value after the lock.
  if (locked !== seenLocked) {
    setSeenLocked(locked)
    if (locked) clear()
  }
}
