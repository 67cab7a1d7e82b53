import { useState, type ReactNode } from 'react'
import type { RestoreOutcomeCheck, RestoreRecord } from '../../../../shared/model/restore'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'

/**
 * A request whose outcome is unknown: Backdesk cannot look it up (CloudAlly lists no restore jobs
 * of a task), so the technician checks CloudAlly and says how it went, after a confirmation.
 * "Did not start" lets a new request be made; "started" leaves it to CloudAlly to follow.
 */
export function UnknownOutcomeCheck({ record }: { record: RestoreRecord }): ReactNode {
  const [asking, setAsking] = useState<RestoreOutcomeCheck | null>(null)
  const what = record.kind === 'download' ? 'download' : 'restore'
  const settle = useAction(async (outcome: RestoreOutcomeCheck) => {
    await call('restores.settle', { id: record.id, outcome })
    setAsking(null)
  })
  return (
    <div className="toolbar" data-testid="unknown-outcome-check">
      <button type="button" className="btn" onClick={() => setAsking('started')}>
        I checked in CloudAlly: it started
      </button>
      <button type="button" className="btn" onClick={() => setAsking('not-started')}>
        I checked in CloudAlly: it did not start
      </button>
      {asking && (
        <ConfirmDialog
          title={asking === 'started' ? `Mark this ${what} as started?` : `Mark this ${what} as not started?`}
          confirmLabel={asking === 'started' ? 'Mark as started' : 'Mark as not started'}
          busy={settle.busy}
          error={settle.error}
          onConfirm={() => void settle.run(asking)}
          onCancel={() => setAsking(null)}
        >
          {asking === 'started' ? (
            <p>You found this {what} in CloudAlly&apos;s restore list. Backdesk does not know its job, so it stops here: follow it in CloudAlly.</p>
          ) : (
            <p>
              You checked CloudAlly&apos;s restore list and this {what} is not there (nothing started after it was sent). It will show as not started, and a new request can
              be made. If it did start, a new request would run it twice.
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  )
}
