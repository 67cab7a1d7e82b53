import type { ReactNode } from 'react'
import { passwordStrength } from '../../../shared/password-strength'

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const

export function StrengthMeter({ value, id }: { value: string; id: string }): ReactNode {
  if (!value) return <p id={id} className="field-hint">At least 10 characters; a few unrelated words work well.</p>
  const strength = passwordStrength(value)
  const tone = strength.score >= 3 ? 'badge-ok' : strength.score === 2 ? 'badge-warn' : 'badge-error'
  return (
    <div id={id} className="field-hint" aria-live="polite">
      <span className={`badge ${tone}`} data-testid="strength">
        {LABELS[strength.score]}
      </span>{' '}
      {strength.hints[0] ?? ''}
    </div>
  )
}
