import { useId, useState, type ReactNode } from 'react'
import { fromLocalInput, toLocalInput } from '../../../shared/format'

const DAY = 86_400_000

export interface Range {
  start: string
  end: string
}

export function lastDays(days: number, now = Date.now()): Range {
  return { start: new Date(now - days * DAY).toISOString(), end: new Date(now).toISOString() }
}

export function RangePicker({ value, onChange, presets = [1, 7, 30, 90] }: { value: Range; onChange: (r: Range) => void; presets?: number[] }): ReactNode {
  const id = useId()
  const [from, setFrom] = useState(toLocalInput(new Date(value.start)))
  const [to, setTo] = useState(toLocalInput(new Date(value.end)))
  const apply = (r: Range) => {
    setFrom(toLocalInput(new Date(r.start)))
    setTo(toLocalInput(new Date(r.end)))
    onChange(r)
  }
  return (
    <form
      className="toolbar range-picker"
      onSubmit={(e) => {
        e.preventDefault()
        const start = fromLocalInput(from)
        const end = fromLocalInput(to)
        if (start && end && start <= end) onChange({ start, end })
      }}
      noValidate
    >
      <div className="inline-field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="inline-field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <button type="submit" className="btn">
        Show
      </button>
      {presets.map((d) => (
        <button key={d} type="button" className="btn" onClick={() => apply(lastDays(d))}>
          Last {d === 1 ? '24 h' : `${d} days`}
        </button>
      ))}
    </form>
  )
}
