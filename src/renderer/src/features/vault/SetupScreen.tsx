import { useState, type ReactNode } from 'react'
import { isAcceptablePassphrase } from '../../../../shared/password-strength'
import { call } from '../../api'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { StrengthMeter } from '../../components/StrengthMeter'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { FormActions } from '../../components/FormActions'

/** First run: choose the master passphrase that encrypts every stored login. */
export function SetupScreen(): ReactNode {
  const setVault = useStore((s) => s.setVault)
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const { run, busy, error, setError } = useAction(async () => setVault(await call('vault.setup', { passphrase, confirm })))
  const mismatch = confirm.length > 0 && confirm !== passphrase
  const [weak, setWeak] = useState(false)
  return (
    <main className="gate">
      <form
        className="panel gate-card"
        aria-labelledby="setup-heading"
        onSubmit={(event) => {
          event.preventDefault()
          const tooWeak = !isAcceptablePassphrase(passphrase)
          setWeak(tooWeak)
          if (tooWeak || mismatch) return
          void run()
        }}
        noValidate
      >
        <h1 id="setup-heading">Create your vault</h1>
        <p className="muted">
          Backdesk keeps every customer login in one encrypted file on this computer. Choose a master passphrase:
          it is never stored, and without it the vault cannot be opened.
        </p>
        <label htmlFor="setup-pass">Master passphrase</label>
        <input
          id="setup-pass"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          aria-invalid={weak ? true : undefined}
          aria-describedby={weak ? 'setup-pass-problem setup-strength' : 'setup-strength'}
          onChange={(e) => {
            setPassphrase(e.target.value)
            setWeak(false)
            setError(null)
          }}
        />
        <FieldProblem fieldId="setup-pass" problem={weak ? 'Choose a stronger passphrase (see the hint).' : undefined} />
        <StrengthMeter id="setup-strength" value={passphrase} />
        <label htmlFor="setup-confirm">Repeat the passphrase</label>
        <input
          id="setup-confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          {...fieldAria('setup-confirm', mismatch ? 'The two passphrases differ.' : undefined)}
          onChange={(e) => {
            setConfirm(e.target.value)
            setError(null)
          }}
        />
        <FieldProblem fieldId="setup-confirm" problem={mismatch ? 'The two passphrases differ.' : undefined} />
        <FormActions busy={busy} label="Create vault" busyLabel="Creating…" error={error} />
      </form>
    </main>
  )
}
