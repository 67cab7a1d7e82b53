import { useState, type ReactNode } from 'react'
import type { ExportResult } from '../../../../shared/contract/vault.contract'
import { isAcceptablePassphrase } from '../../../../shared/password-strength'
import { ApiError, call } from '../../api'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { StrengthMeter } from '../../components/StrengthMeter'
import { useAction } from '../../components/use-action'
import { FormActions } from '../../components/FormActions'
import { passphraseProblem } from './passphrase-problem'
import { useClearedOnLock } from '../../store/use-cleared-on-lock'

// Export puts every login in one file. Main asks for the master passphrase again and hands the
// bundle to the user itself (a save dialog in the desktop app, a one-time download in the web
// shell): this form never holds the bundle, only what became of it.

const DOWNLOAD_PATH = '/download/'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** What the user reads after an export. */
function outcomeText(result: ExportResult): string {
  const what = `${plural(result.connections, 'connection', 'connections')}${result.nodeCredentials > 0 ? ` and ${plural(result.nodeCredentials, 'node password', 'node passwords')}` : ''}`
  if ('download' in result) return `Exported ${what}: your browser is downloading ${result.fileName}.`
  return result.saved ? `Exported ${what} to ${result.path}.` : 'Export cancelled: nothing was saved.'
}

/** The web shell serves the bundle once to a navigation of this page: follow a hidden link to it. */
function startDownload(url: string, fileName: string): void {
  if (!url.startsWith(DOWNLOAD_PATH)) return
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
}

export function ExportForm(): ReactNode {
  const [master, setMaster] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const [includeNodes, setIncludeNodes] = useState(false)
  const [masterError, setMasterError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<string | null>(null)
  const [weak, setWeak] = useState(false)
  const mismatch = confirm !== '' && confirm !== passphrase
  useClearedOnLock(() => {
    setMaster('')
    setPassphrase('')
    setConfirm('')
  })

  const run = useAction(async () => {
    setMasterError(null)
    setOutcome(null)
    let result: ExportResult
    try {
      result = await call('vault.export', { masterPassphrase: master, passphrase, confirm, includeNodeCredentials: includeNodes })
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'WRONG_PASSPHRASE' || err.code === 'THROTTLED')) {
        setMaster('')
        setMasterError(passphraseProblem(err))
        return
      }
      throw err
    }
    setMaster('')
    setPassphrase('')
    setConfirm('')
    if ('download' in result) startDownload(result.download, result.fileName)
    setOutcome(outcomeText(result))
  })

  return (
    <form
      aria-labelledby="export-heading"
      onSubmit={(event) => {
        event.preventDefault()
        if (!master) return setMasterError('Enter your master passphrase.')
        const tooWeak = !isAcceptablePassphrase(passphrase)
        setWeak(tooWeak)
        if (tooWeak || mismatch) return
        void run.run()
      }}
      noValidate
    >
      <h3 id="export-heading">Export</h3>
      <p className="muted small">An encrypted bundle of every connection, with its own passphrase.</p>
      <label htmlFor="export-master">Master passphrase</label>
      <input
        id="export-master"
        type="password"
        autoComplete="current-password"
        value={master}
        aria-invalid={masterError ? true : undefined}
        aria-describedby="export-master-hint"
        onChange={(e) => {
          setMaster(e.target.value)
          setMasterError(null)
          run.setError(null)
        }}
      />
      <p id="export-master-hint" className={masterError ? 'field-error' : 'field-hint'} role={masterError ? 'alert' : undefined}>
        {masterError ?? 'Exporting puts every login in a file; confirm it is you.'}
      </p>
      <label htmlFor="export-pass">Bundle passphrase</label>
      <input
        id="export-pass"
        type="password"
        autoComplete="new-password"
        value={passphrase}
        aria-invalid={weak ? true : undefined}
        aria-describedby={weak ? 'export-pass-problem export-strength' : 'export-strength'}
        onChange={(e) => {
          setPassphrase(e.target.value)
          setWeak(false)
          run.setError(null)
        }}
      />
      <FieldProblem fieldId="export-pass" problem={weak ? 'Choose a stronger bundle passphrase (see the hint).' : undefined} />
      <StrengthMeter id="export-strength" value={passphrase} />
      <label htmlFor="export-confirm">Repeat the bundle passphrase</label>
      <input
        id="export-confirm"
        type="password"
        autoComplete="new-password"
        value={confirm}
        {...fieldAria('export-confirm', mismatch ? 'The two bundle passphrases differ.' : undefined)}
        onChange={(e) => {
          setConfirm(e.target.value)
          run.setError(null)
        }}
      />
      <FieldProblem fieldId="export-confirm" problem={mismatch ? 'The two bundle passphrases differ.' : undefined} />
      <label>
        <input type="checkbox" id="export-nodes" checked={includeNodes} aria-describedby="export-nodes-hint" onChange={(e) => setIncludeNodes(e.target.checked)} /> Include the
        backup node passwords
      </label>
      <p id="export-nodes-hint" className="field-hint">
        The IBM Storage Protect node passwords captured at activation: anyone with the bundle and its passphrase can log in as these backup nodes.
      </p>
      {outcome && (
        <p role="status" data-testid="export-outcome">
          {outcome}
        </p>
      )}
      <FormActions busy={run.busy} label="Export bundle" busyLabel="Exporting…" error={run.error} primary={false} />
    </form>
  )
}
