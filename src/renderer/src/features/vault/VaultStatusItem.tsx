import type { ReactNode } from 'react'
import { selectConnections, selectVaultState, useStore } from '../../store'
import { formatTime } from '../../../../shared/format'

export function VaultStatusItem(): ReactNode {
  const state = useStore(selectVaultState)
  const autoLockAt = useStore((s) => s.vault.value?.autoLockAt)
  const lock = useStore((s) => s.lockVault)
  const count = useStore((s) => selectConnections(s).length)
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
