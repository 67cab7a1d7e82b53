import { useId, useState, type ChangeEvent, type ReactNode } from 'react'
import { fromLocalInput, toLocalInput } from '../../../shared/format'
import { fieldAria } from './field-problems'
import { FieldProblem } from './FieldProblem'

const DAY = 86_400_000

export interface Range {
  start: string
  end: string
}

export function lastDays(days: number, now = Date.now()): Range {
  return { start: new Date(now - days * DAY).toISOString(), end: new Date(now).toISOString() }
}

type RangeProblems = Partial<Record<'from' | 'to', string>>

/** What is wrong with the typed range, per field; empty when it can be shown. */
function rangeProblems(from: string, to: string): RangeProblems {
  const start = fromLocalInput(from)
  const end = fromLocalInput(to)
  const problems: RangeProblems = {}
  if (!start) problems.from = 'Enter the date and time to start from.'
  if (!end) problems.to = 'Enter the date and time to end at.'
  if (start && end && start > end) problems.from = 'From must be on or before To.'
  return problems
}

/**
 * A From–To range with presets. Show applies the typed range only when it is one (a field message
 * says why not); the fields follow the range shown, so what they say and what the table shows are
 * the same range unless a message stands beside them.
 */
export function RangePicker({ value, onChange, presets = [1, 7, 30, 90] }: { value: Range; onChange: (r: Range) => void; presets?: number[] }): ReactNode {
  const id = useId()
  const fromId = `${id}-from`
  const toId = `${id}-to`
  const [from, setFrom] = useState(toLocalInput(new Date(value.start)))
  const [to, setTo] = useState(toLocalInput(new Date(value.end)))
  const [problems, setProblems] = useState<RangeProblems>({})
  // A range set from outside (another screen, a reset) is what the fields show next.
  const [shown, setShown] = useState(value)
  if (shown.start !== value.start || shown.end !== value.end) {
    setShown(value)
    setFrom(toLocalInput(new Date(value.start)))
    setTo(toLocalInput(new Date(value.end)))
    setProblems({})
  }
  const apply = (r: Range) => {
    setFrom(toLocalInput(new Date(r.start)))
    setTo(toLocalInput(new Date(r.end)))
    setProblems({})
    onChange(r)
  }
  const edit = (set: (v: string) => void) => (e: ChangeEvent<HTMLInputElement>) => {
    set(e.target.value)
    setProblems({})
  }
  return (
    <form
      className="toolbar range-picker"
      onSubmit={(e) => {
        e.preventDefault()
        const found = rangeProblems(from, to)
        setProblems(found)
        const start = fromLocalInput(from)
        const end = fromLocalInput(to)
        if (Object.keys(found).length === 0 && start && end) onChange({ start, end })
      }}
      noValidate
    >
      <div className="inline-field">
        <label htmlFor={fromId}>From</label>
        <input id={fromId} type="datetime-local" value={from} onChange={edit(setFrom)} {...fieldAria(fromId, problems.from)} />
      </div>
      <div className="inline-field">
        <label htmlFor={toId}>To</label>
        <input id={toId} type="datetime-local" value={to} onChange={edit(setTo)} {...fieldAria(toId, problems.to)} />
      </div>
      <button type="submit" className="btn">
        Show
      </button>
      {/* One group: on a narrow pane the quick ranges wrap together, not "Last 24 h" apart from the rest. */}
      <span className="toolbar-group" role="group" aria-label="Quick ranges">
        {presets.map((d) => (
          <button key={d} type="button" className="btn" onClick={() => apply(lastDays(d))}>
            Last {d === 1 ? '24 h' : `${d} days`}
          </button>
        ))}
      </span>
      <FieldProblem fieldId={fromId} problem={problems.from} />
      <FieldProblem fieldId={toId} problem={problems.to} />
    </form>
  )
}
