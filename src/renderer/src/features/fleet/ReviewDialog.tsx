import { useId, useState, type ReactNode } from 'react'
import { SNOOZE_IN_PAST, type FleetReview, type FleetRow, type ReviewState } from '../../../../shared/model/fleet'
import { Dialog } from '../../components/Dialog'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useStore } from '../../store'
import { formatDate, formatDateTime, fromLocalDateInput, toLocalDateInput } from '../../../../shared/format'

function dateInput(iso: string | undefined, fallbackDays: number): string {
  return toLocalDateInput(iso ? new Date(iso) : new Date(Date.now() + fallbackDays * 86_400_000))
}

const UNTIL_PROBLEM = 'Choose the day the snooze ends.'

/** What is wrong with the snooze's day, if anything: none chosen, or one whose start has passed. */
function snoozeProblem(day: string): string | undefined {
  const until = fromLocalDateInput(day)
  if (until === undefined) return UNTIL_PROBLEM
  return Date.parse(until) <= Date.now() ? SNOOZE_IN_PAST : undefined
}

/** Acknowledge, snooze until a date, or annotate one fleet item. */
export function ReviewDialog({ row, review, onClose }: { row: FleetRow; review: FleetReview | undefined; onClose: () => void }): ReactNode {
  const save = useStore((s) => s.setFleetReview)
  const pushToast = useStore((s) => s.pushToast)
  const [state, setState] = useState<ReviewState>(review?.state ?? 'acknowledged')
  const [until, setUntil] = useState(dateInput(review?.snoozedUntil, 7))
  const [note, setNote] = useState(review?.note ?? '')
  const [ticket, setTicket] = useState(review?.ticket?.reference ?? '')
  const noteId = useId()
  const ticketId = useId()
  const untilId = useId()
  const fields = useFieldProblems()
  const {
    save: { run, busy, error },
    edited
  } = useFieldSave(fields, async () => {
    // A snooze lasts until the start of the chosen day, local time.
    const snoozedUntil = state === 'snoozed' ? fromLocalDateInput(until) : undefined
    await save({ key: row.key, state, ...(snoozedUntil ? { snoozedUntil } : {}), note, ...(ticket.trim() && ticket.trim() !== review?.ticket?.reference ? { ticket } : {}) })
    // The dialog closes and the row changes quietly: say what was recorded.
    const done =
      state === 'acknowledged'
        ? `Acknowledged ${row.object}.`
        : state === 'snoozed' && snoozedUntil
          ? `Snoozed ${row.object} until ${formatDate(snoozedUntil)}.`
          : `Reopened ${row.object}.`
    pushToast({ level: 'success', message: done })
    onClose()
  })
  const untilProblem = state === 'snoozed' ? (snoozeProblem(until) ?? fields.problems['snoozedUntil']) : undefined
  const invalidDate = untilProblem !== undefined
  return (
    <Dialog title={`Review: ${row.object}`} onClose={onClose}>
      <p className="muted small">
        {row.connectionName} · {row.detail}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!invalidDate) void run()
        }}
        noValidate
      >
        <fieldset>
          <legend>State</legend>
          {(
            [
              ['open', 'Open (in the queue)'],
              ['acknowledged', 'Acknowledged'],
              ['snoozed', 'Snoozed until a date']
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="radio-line">
              <input type="radio" name="review-state" value={value} checked={state === value} onChange={() => setState(value)} /> {label}
            </label>
          ))}
          {state === 'snoozed' && (
            <div className="inline-field">
              <label htmlFor={untilId}>Until</label>
              <input
                id={untilId}
                type="date"
                value={until}
                min={dateInput(undefined, 1)}
                onChange={(e) => {
                  setUntil(e.target.value)
                  edited('snoozedUntil')
                }}
                required
                {...fieldAria(untilId, untilProblem)}
              />
              <FieldProblem fieldId={untilId} problem={untilProblem} />
            </div>
          )}
        </fieldset>
        <label htmlFor={noteId}>Note</label>
        <textarea id={noteId} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What was done or agreed" />
        <label htmlFor={ticketId}>Ticket</label>
        <input id={ticketId} maxLength={200} value={ticket} onChange={(e) => setTicket(e.target.value)} placeholder="Service desk reference, e.g. SD-1042" autoComplete="off" />
        {review?.by && (
          <p className="muted small">
            Last reviewed by {review.by} on {formatDateTime(review.updatedAt)}
          </p>
        )}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || invalidDate}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
