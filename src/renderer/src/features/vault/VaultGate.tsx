import { useEffect, useState, type ReactNode } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { CorruptScreen } from './CorruptScreen'
import { SetupScreen } from './SetupScreen'
import { UnlockScreen } from './UnlockScreen'

const TOUCH_EVERY_MS = 30_000

/**
 * Decides what the user may see: setup, unlock, the corrupt-file screen, or the app. The app stays
 * mounted (hidden) while locked so the user comes back to the same screen and half-filled forms.
 */
export function VaultGate({ children }: { children: ReactNode }): ReactNode {
  const vault = useStore((s) => s.vault.value)
  const vaultError = useStore((s) => s.vault.error)
  const refresh = useStore((s) => s.refreshVault)
  const state = vault?.state
  const [seenUnlocked, setSeenUnlocked] = useState(false)
  if (state === 'unlocked' && !seenUnlocked) setSeenUnlocked(true)

  const setAutoLockAt = useStore((s) => s.setAutoLockAt)
  useEffect(() => {
    void refresh()
  }, [refresh])

  // User activity keeps the vault open; reported at most every 30 s.
  useEffect(() => {
    if (state !== 'unlocked') return
    let last = 0
    const onActivity = () => {
      const now = Date.now()
      if (now - last < TOUCH_EVERY_MS) return
      last = now
      void call('vault.touch').then((answer) => setAutoLockAt(answer.autoLockAt), () => undefined)
    }
    window.addEventListener('keydown', onActivity)
    window.addEventListener('pointerdown', onActivity)
    return () => {
      window.removeEventListener('keydown', onActivity)
      window.removeEventListener('pointerdown', onActivity)
    }
  }, [state, setAutoLockAt])

  if (!vault) {
    return (
      <main className="gate">
        <p role={vaultError ? 'alert' : 'status'}>{vaultError ?? 'Opening the vault…'}</p>
      </main>
    )
  }
  const unlocked = state === 'unlocked'
  return (
    <>
      {state === 'uninitialized' && <SetupScreen />}
      {state === 'locked' && <UnlockScreen />}
      {state === 'corrupt' && <CorruptScreen />}
      {/* Mounted from the first unlock on; hidden (not unmounted) while locked. */}
      <div className="gate-content" hidden={!unlocked} inert={!unlocked}>
        {seenUnlocked && (unlocked || state === 'locked') ? children : null}
      </div>
    </>
  )
}
