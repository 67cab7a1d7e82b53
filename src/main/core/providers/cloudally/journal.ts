// How CloudAlly changes read in the activity journal: restore and download starts, and the
// technician's own answer to a request whose outcome was unknown (nothing is sent to CloudAlly,
// but what Backdesk then allows, a new request, follows from it, so it is on record).

import type { RestoreRecord } from '../../../../shared/model/restore'
import type { JournalDescriber } from '../../journal/with-journal'

const count = (v: unknown) => (Array.isArray(v) ? v.length : 0)

export function cloudAllyJournal(loginOf: (connectionId: string) => string, restoreOf: (id: string) => Promise<RestoreRecord>): JournalDescriber {
  return {
    user: loginOf,
    channels: {
      'cloudally.restore.start': {
        describe(input, value) {
          const record = value as RestoreRecord | undefined
          return {
            action: input['kind'] === 'download' ? 'download' : 'restore',
            object: { type: 'backupTask', id: String(input['taskId']), ...(typeof input['taskName'] === 'string' ? { name: input['taskName'] } : {}) },
            detail: [
              typeof input['snapshotDate'] === 'string' ? `snapshot ${input['snapshotDate']}` : 'latest snapshot',
              `${count(input['entities'])} entities, ${count(input['items'])} items`,
              record ? `request ${record.id}` : undefined
            ]
              .filter(Boolean)
              .join(' · ')
          }
        }
      },
      'restores.settle': {
        // The record names the connection and the task; the input only the request's id.
        before: (input) => restoreOf(String(input['id'])),
        describe(input, _value, before) {
          const record = before as RestoreRecord | undefined
          const started = input['outcome'] === 'started'
          return {
            action: 'settle',
            object: { type: 'restoreRequest', id: String(input['id']) },
            ...(record ? { connectionId: record.connectionId } : {}),
            detail: [
              record ? `${record.kind} of task ${record.taskName ?? record.taskId}` : undefined,
              started ? 'outcome unknown → started (checked in CloudAlly)' : 'outcome unknown → not started (checked in CloudAlly)'
            ]
              .filter(Boolean)
              .join(' · ')
          }
        }
      }
    }
  }
}
