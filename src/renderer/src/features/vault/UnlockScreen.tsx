import { useState, type ReactNode } from 'react'
import { ApiError, call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { passphraseProblem } from './passphrase-problem'

const REASONS: Record<string, string> = {
  idle: 'Locked after a period without activity.',
  'os-lock': 'Locked because the screen was locked.',
  suspend: 'Locked because the computer went to sleep.',
  user: 'Locked.',
  shutdown: 'Locked.'
}

/** Shown over the app while the vault is locked; where the user was is kept underneath. */
export function UnlockScreen(): ReactNode {
  const vault = useStore((s) => s.vault.value)
  const setVault = useStore((s) => s.setVault)
  const [passphrase, setPassphrase] = useState('')
  const { run, busy, error, setError } = useAction(async (input: { passphrase: string } | { useDevice: true }) => {
    try {
      setVault(await call('vault.unlock', input))
      setPassphrase('')
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'WRONG_PASSPHRASE' || err.code === 'THROTTLED')) throw new Error(passphraseProblem(err))
      throw err
    }
  })
  const reason = vault?.reason ? REASONS[vault.reason] : undefined
  return (
    <main className="gate">
      <form
        className="panel gate-card"
        aria-labelledby="unlock-heading"
        onSubmit={(event) => {
          event.preventDefault()
          if (!passphrase) return setError('Enter your master passphrase.')
          void run({ passphrase })
        }}
        noValidate
      >
        <h1 id="unlock-heading">Unlock Backdesk</h1>
        {reason && <p className="muted">{reason}</p>}
        <label htmlFor="unlock-pass">Master passphrase</label>
        <input
          id="unlock-pass"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={passphrase}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'unlock-problem' : undefined}
          onChange={(e) => {
            setPassphrase(e.target.value)
            // A new attempt: the last one's message no longer applies.
            setError(null)
          }}
        />
        {error && (
          <p className="error-text" role="alert" id="unlock-problem">
            {error}
          </p>
        )}
        <div className="form-actions">
          {/* aria-disabled, not disabled, while busy (as FormActions): a disabled button drops the
              keyboard focus to the page's body, so a refused passphrase would leave it nowhere. */}
          <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined} onClick={busy ? (event) => event.preventDefault() : undefined}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
          {vault?.deviceUnlock && (
            <button type="button" className="btn" aria-disabled={busy || undefined} onClick={busy ? undefined : () => void run({ useDevice: true })}>
              Unlock with this device
            </button>
          )}
        </div>
      </form>
    </main>
  )
}

