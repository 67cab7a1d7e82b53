import type { VaultState } from '../../../shared/contract/vault.contract'

// The vault's life cycle as a table: anything not listed is a bug and throws.
//
//   uninitialized ──setup──▶ unlocked ◀──unlock── locked
//         ▲                     │ lock / idle / OS lock / suspend ▲
//         │                     └────────────────────────────────┘
//         └──reset── (any)           corrupt ──restoreBackup──▶ locked
//   a file found damaged or modified (at start, unlock or before a write) ──▶ corrupt

export const TRANSITIONS: Readonly<Record<VaultState, readonly VaultState[]>> = {
  uninitialized: ['unlocked', 'uninitialized'],
  locked: ['unlocked', 'locked', 'corrupt', 'uninitialized'],
  unlocked: ['locked', 'corrupt', 'uninitialized'],
  corrupt: ['locked', 'corrupt', 'uninitialized']
}

export function canTransition(from: VaultState, to: VaultState): boolean {
  return TRANSITIONS[from].includes(to)
}

export class VaultStateMachine {
  private current: VaultState

  constructor(initial: VaultState) {
    this.current = initial
  }

  get state(): VaultState {
    return this.current
  }

  to(next: VaultState): VaultState {
    if (!canTransition(this.current, next)) {
      throw new Error(`Illegal vault transition ${this.current} → ${next}`)
    }
    const previous = this.current
    this.current = next
    return previous
  }
}
