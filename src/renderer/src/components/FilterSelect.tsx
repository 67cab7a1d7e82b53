import type { ReactNode } from 'react'

/**
 * A labelled "All / one of these" drop-down that filters a list. `labelOf` shows an option in
 * words (a provider's code) while its value stays the raw one.
 */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  id,
  labelOf
}: {
  label: string
  value: string
  options: string[]
  onChange: (v: string) => void
  id: string
  labelOf?: (value: string) => string
}): ReactNode {
  return (
    <span className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labelOf ? labelOf(o) : o}
          </option>
        ))}
      </select>
    </span>
  )
}

/** The distinct non-empty values, sorted: the options of a FilterSelect. */
export function distinct(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort()
}
