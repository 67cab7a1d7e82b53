import { useEffect, useId, useState, type ReactNode } from 'react'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'

/** How long "Copy line" says "Copied" before it is a button to copy with again. */
const COPIED_SHOWN_MS = 3000

/** Your public line (send it to the teammate who adds you) and its fingerprint; your name in it. */
export function IdentityCard(): ReactNode {
  const identity = useStore((s) => s.workspaceIdentity.value)
  const setIdentity = useStore((s) => s.setWorkspaceIdentity)
  const pushToast = useStore((s) => s.pushToast)
  const [name, setName] = useState<string | null>(null)
  /** Which copy "Copied" answers (0: none shown). */
  const [copied, setCopied] = useState(0)
  const lineId = useId()
  const nameId = useId()
  // "Copied" is an answer to one click, not a state: it goes back after a moment (a copy again restarts it).
  useEffect(() => {
    if (copied === 0) return
    const timer = setTimeout(() => setCopied(0), COPIED_SHOWN_MS)
    return () => clearTimeout(timer)
  }, [copied])
  const rename = useAction(async () => {
    if (name === null) return
    setIdentity(await call('workspace.identity', { name }))
    setName(null)
    pushToast({ level: 'success', message: 'Name saved.' })
  })
  const copy = async () => {
    if (!identity) return
    try {
      await navigator.clipboard.writeText(identity.line)
      setCopied((n) => n + 1)
    } catch {
      document.getElementById(lineId)?.focus()
    }
  }
  if (!identity) return null
  return (
    <section className="panel" aria-labelledby={`${lineId}-heading`}>
      <h2 id={`${lineId}-heading`}>Your member line</h2>
      <p className="muted small">Send this line to the teammate who adds you. It holds only public keys; read the fingerprint to each other to check it arrived unchanged.</p>
      <label htmlFor={lineId}>Public line</label>
      {/* Shown whole, wrapped, so it can be read against what the teammate received; focus selects it all. */}
      <textarea id={lineId} className="member-line" readOnly rows={2} value={identity.line} onFocus={(e) => e.target.select()} spellCheck={false} data-testid="member-line" />
      <p className="small">
        Fingerprint <code data-testid="member-fingerprint">{identity.fingerprint}</code>{' '}
        <button type="button" className="btn" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy line'}
        </button>
        {/* A changed button label is not read out: this says it once per copy. Emptied when the label goes back, which is not read. */}
        <span role="status" className="visually-hidden" data-testid="member-line-copied">
          {copied ? 'Member line copied to the clipboard.' : ''}
        </span>
      </p>
      <form
        className="inline-field"
        onSubmit={(e) => {
          e.preventDefault()
          void rename.run()
        }}
        noValidate
      >
        <label htmlFor={nameId}>Your name</label>
        <input id={nameId} value={name ?? identity.name} maxLength={120} onChange={(e) => setName(e.target.value)} placeholder="As teammates will see it" />
        <button type="submit" className="btn" disabled={rename.busy || name === null || !name.trim()}>
          Save name
        </button>
      </form>
      {rename.error && (
        <p className="error-text" role="alert">
          {rename.error}
        </p>
      )}
    </section>
  )
}
