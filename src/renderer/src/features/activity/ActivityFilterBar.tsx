import { useId, type ReactNode } from 'react'
import type { ConnectionSummary, ProviderKind } from '../../../../shared/model/connection'
import { FilterSelect } from '../../components/FilterSelect'
import { PROVIDER_UIS, providerLabel } from '../../providers/registry'
import { OUTCOME_WORDS, type ActivityFilters, type ActivityOutcome } from './activity-filters'

/** The Activity screen's filters: connection, provider, outcome and text. */
export function ActivityFilterBar({
  filters,
  onChange,
  text,
  onText,
  connections,
  connectionName
}: {
  filters: ActivityFilters
  onChange: (next: ActivityFilters) => void
  text: string
  onText: (text: string) => void
  connections: readonly ConnectionSummary[]
  connectionName: (id: string) => string
}): ReactNode {
  const ids = { connection: useId(), provider: useId(), outcome: useId(), text: useId() }
  // A link may name a connection deleted since: it stays a choice, so the filter shows what it is.
  const connectionIds = [...connections.map((c) => c.id), ...(filters.connection && !connections.some((c) => c.id === filters.connection) ? [filters.connection] : [])]
  return (
    <div className="toolbar filters" role="group" aria-label="Filters">
      <FilterSelect id={ids.connection} label="Connection" value={filters.connection} options={connectionIds} labelOf={connectionName} onChange={(connection) => onChange({ ...filters, connection })} />
      <FilterSelect
        id={ids.provider}
        label="Provider"
        value={filters.provider}
        options={PROVIDER_UIS.map((p) => p.kind)}
        labelOf={(kind) => providerLabel(kind as ProviderKind)}
        onChange={(provider) => onChange({ ...filters, provider })}
      />
      <FilterSelect
        id={ids.outcome}
        label="Outcome"
        value={filters.outcome}
        options={Object.keys(OUTCOME_WORDS)}
        labelOf={(o) => OUTCOME_WORDS[o as Exclude<ActivityOutcome, ''>]}
        onChange={(outcome) => onChange({ ...filters, outcome: outcome as ActivityOutcome })}
      />
      <span className="filter filter-text">
        <label htmlFor={ids.text}>Text</label>
        <input id={ids.text} type="search" value={text} onChange={(e) => onText(e.target.value)} placeholder="Action, object, user, request id…" />
      </span>
    </div>
  )
}
