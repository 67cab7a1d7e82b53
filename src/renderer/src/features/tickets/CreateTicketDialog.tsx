import { useId, useState, type ReactNode } from 'react'
import type { FleetReview, FleetRow } from '../../../../shared/model/fleet'
import type { TicketResult } from '../../../../shared/model/tickets'
import { ApiError, call } from '../../api'
import { Dialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'

/** "Create ticket" for one fleet item: a note, then the webhook or a pre-filled e-mail. */
export function CreateTicketDialog({ row, review, onClose }: { row: FleetRow; review: FleetReview | undefined; onClose: () => void }): ReactNode {
  const [note, setNote] = useState(review?.note ?? '')
  const [result, setResult] = useState<TicketResult | null>(null)
  const [alreadySent, setAlreadySent] = useState(false)
  const noteId = useId()
  const loadFleet = useStore((s) => s.loadFleet)
  const send = useAction(async (resend: boolean) => {
    try {
      const r = await call('tickets.create', { key: row.key, note, ...(resend ? { resend: true } : {}) })
      if (r.mailto && !r.opened) {
        // The web shell: main cannot open the mail program, the page can.
        const a = document.createElement('a')
        a.href = r.mailto
        a.click()
      }
      setAlreadySent(false)
      await loadFleet()
      // Nothing was created: the form stays, with the note as typed, to try again or cancel.
      if (r.via === 'webhook' && r.state === 'failed') throw new Error(r.message ?? 'The ticket was not created.')
      setResult(r)
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT' && err.details?.state) setAlreadySent(true)
      throw err
    }
  })
  return (
    <Dialog title={`Create ticket: ${row.object}`} onClose={onClose}>
      <p className="muted small">
        {row.customer || 'No customer'} · {row.connectionName} · {row.detail}
      </p>
      {result ? (
        <>
          <p role="status">
            {result.via === 'email'
              ? 'An e-mail was prepared in your mail program.'
              : result.state === 'sent'
                ? `Ticket created${result.reference ? `: ${result.reference}` : ''}.`
                : result.message}
          </p>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void send.run(false)
          }}
          noValidate
        >
          <label htmlFor={noteId}>Note for the ticket</label>
          <textarea id={noteId} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What you know, what the customer was told" />
          {send.error && (
            <p className="error-text" role="alert">
              {send.error}
            </p>
          )}
          <div className="form-actions">
            {alreadySent ? (
              <button type="button" className="btn btn-danger" disabled={send.busy} onClick={() => void send.run(true)}>
                Send again
              </button>
            ) : (
              <button type="submit" className="btn btn-primary" disabled={send.busy}>
                {send.busy ? 'Sending…' : send.error ? 'Try again' : 'Create ticket'}
              </button>
            )}
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}
