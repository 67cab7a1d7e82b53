import type { ReactNode } from 'react'
import { useStore } from '../../store'
import { formatTime } from '../../../../shared/format'

export function VaultStatusItem(): ReactNode {
  const state = useStore((s) => s.vault?.state)
  const autoLockAt = useStore((s) => s.vault?.autoLockAt)
  const lock = useStore((s) => s.lockVault)
  const count = useStore((s) => s.connections.length)
  return (
    <>
      <span data-testid="status-vault">
        Vault: {state ?? '…'}
        {state === 'unlocked' && autoLockAt ? ` (locks at ${formatTime(autoLockAt)} if idle)` : ''}
      </span>
      <span data-testid="status-connections">{count === 1 ? '1 connection' : `${count} connections`}</span>
      {state === 'unlocked' && (
        <button type="button" className="link" onClick={() => void lock()}>
          Lock
        </button>
      )}
    </>
  )
}
