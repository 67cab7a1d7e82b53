import type { ReactNode } from 'react'
import { formatDateTime } from '../../../../shared/format'
import { useStore } from '../../store'
import { verdictWords } from './journal-words'

/** "Check the journal": main checks every entry's keyed hash against the one before it. */
export function JournalCheck(): ReactNode {
  const verdict = useStore((s) => s.journalVerdict)
  const verify = useStore((s) => s.verifyJournal)
  return (
    <section aria-label="Journal check" className="toolbar">
      <button type="button" className="btn" onClick={() => void verify()} aria-disabled={verdict.loading || undefined}>
        {verdict.loading ? 'Checking…' : 'Check the journal'}
      </button>
      {verdict.error ? (
        <p className="error-text" role="alert">
          The journal could not be checked: {verdict.error}
        </p>
      ) : verdict.value ? (
        <p className={verdict.value.ok ? 'banner banner-info' : 'banner banner-error'} role="status">
          {verdictWords(verdict.value)}
          {/* The verdict stays while the screen is left and the journal grows: say when it was given. */}
          {` Checked ${formatDateTime(verdict.loadedAt)}.`}
        </p>
      ) : (
        <p className="muted small">Checks that no entry was edited, removed or reordered since Backdesk wrote it.</p>
      )}
    </section>
  )
}
