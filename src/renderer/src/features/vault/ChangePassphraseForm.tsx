import { useState, type ReactNode } from 'react'
import { channels } from '../../../../shared/contract'
import { isAcceptablePassphrase } from '../../../../shared/password-strength'
import { ApiError, call } from '../../api'
import { FormActions } from '../../components/FormActions'
import { FormField } from '../../components/FormField'
import { StrengthMeter } from '../../components/StrengthMeter'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useStore } from '../../store'
import { passphraseProblem } from './passphrase-problem'
import { useClearedOnLock } from '../../store/use-cleared-on-lock'

/** Changes the master passphrase; every message sits beside the field it is about. */
export function ChangePassphraseForm(): ReactNode {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const pushToast = useStore((s) => s.pushToast)
  const fields = useFieldProblems()
  const { save, valueChange } = useFieldSave(fields, async () => {
    try {
      await call('vault.changePassphrase', { current, next, confirm })
    } catch (err) {
      // A wrong current passphrase that starts the throttle says how long the next try waits.
      if (err instanceof ApiError && (err.code === 'WRONG_PASSPHRASE' || err.code === 'THROTTLED')) throw new Error(passphraseProblem(err))
      throw err
    }
    setCurrent('')
    setNext('')
    setConfirm('')
    pushToast({ level: 'success', message: 'Master passphrase changed.' })
  })
  useClearedOnLock(() => {
    setCurrent('')
    setNext('')
    setConfirm('')
  })
  const { problems } = fields
  return (
    <section className="panel" aria-labelledby="pass-heading">
      <h2 id="pass-heading">Master passphrase</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          // The contract's checks (an empty field, the two new ones differing), then strength,
          // which only the renderer can show a meter for.
          const weak: Record<string, string> = next !== '' && !isAcceptablePassphrase(next) ? { next: 'Choose a stronger new passphrase (see the hint).' } : {}
          if (fields.check(channels['vault.changePassphrase'].input, { current, next, confirm }, weak)) void save.run()
        }}
        noValidate
      >
        <FormField label="Current passphrase" id="pass-current" problem={problems['current']}>
          <input id="pass-current" type="password" autoComplete="current-password" value={current} onChange={valueChange('current', setCurrent)} />
        </FormField>
        <FormField label="New passphrase" id="pass-next" problem={problems['next']}>
          <input id="pass-next" type="password" autoComplete="new-password" value={next} aria-describedby="pass-strength" onChange={valueChange('next', setNext)} />
        </FormField>
        <StrengthMeter id="pass-strength" value={next} />
        <FormField label="Repeat the new passphrase" id="pass-confirm" problem={problems['confirm']}>
          <input id="pass-confirm" type="password" autoComplete="new-password" value={confirm} onChange={valueChange('confirm', setConfirm)} />
        </FormField>
        <FormActions busy={save.busy} label="Change passphrase" busyLabel="Changing…" error={save.error} primary={false} />
      </form>
    </section>
  )
}
