import type { ReactNode } from 'react'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { formatDateTime } from '../../../../shared/format'

/** "Team" on a shared connection, with who changed it last; a refused update says so. */
export function TeamBadge({ connection }: { connection: ConnectionSummary }): ReactNode {
  const team = connection.team
  if (!team) return null
  const when = formatDateTime(team.updatedAt)
  return (
    <>
      <span className="badge badge-team" title={`Shared with the team · changed last by ${team.updatedBy}, ${when}`}>
        Team
      </span>{' '}
      <span className="muted small" data-testid="team-changed-by">
        changed by {team.updatedBy}, {when}
      </span>
      {team.problem && (
        <span className="badge badge-error" title={team.problem}>
          Newer version refused
        </span>
      )}
    </>
  )
}
