import { useState, type ReactNode } from 'react'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'

/** The vault file is damaged or was modified: explain, offer the backup, never overwrite silently. */
export function CorruptScreen(): ReactNode {
  const vault = useStore((s) => s.vault.value)
  const setVault = useStore((s) => s.setVault)
  const [confirmReset, setConfirmReset] = useState(false)
  const restore = useAction(async () => setVault(await call('vault.restoreBackup')))
  const reset = useAction(async () => setVault(await call('vault.reset', { confirm: 'RESET' })))
  return (
    <main className="gate">
      <section className="panel gate-card" aria-labelledby="corrupt-heading">
        <h1 id="corrupt-heading">The vault cannot be opened</h1>
        <p role="alert" className="banner banner-error">
          {vault?.corrupt?.message ?? 'The vault file is damaged or was changed outside Backdesk.'}
        </p>
        <dl className="facts">
          <div className="fact">
            <dt>Vault file</dt>
            <dd>{vault?.vaultFile}</dd>
          </div>
          <div className="fact">
            <dt>Last good backup</dt>
            <dd>{vault?.backupFile ?? 'none'}</dd>
          </div>
        </dl>
        <p className="muted">Backdesk has not changed either file.</p>
        {restore.error && <p className="error-text" role="alert">{restore.error}</p>}
        <div className="form-actions">
          {vault?.corrupt?.backupUsable && (
            <button type="button" className="btn btn-primary" disabled={restore.busy} onClick={() => void restore.run()}>
              Restore the last good backup
            </button>
          )}
          <button type="button" className="btn btn-danger" onClick={() => setConfirmReset(true)}>
            Start over with an empty vault…
          </button>
        </div>
      </section>
      {confirmReset && (
        <ConfirmDialog
          title="Start over with an empty vault?"
          confirmLabel="Start over"
          typeToConfirm="RESET"
          busy={reset.busy}
          error={reset.error}
          onCancel={() => setConfirmReset(false)}
          onConfirm={() => void reset.run()}
        >
          <p>
            Every stored connection and node password becomes unreachable from Backdesk. The damaged file is kept
            aside, not deleted.
          </p>
        </ConfirmDialog>
      )}
    </main>
  )
}
