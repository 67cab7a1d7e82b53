// How CloudAlly changes read in the activity journal: restore and download starts.

import type { RestoreRecord } from '../../../../shared/model/restore'
import type { JournalDescriber } from '../../journal/with-journal'

const count = (v: unknown) => (Array.isArray(v) ? v.length : 0)

export function cloudAllyJournal(loginOf: (connectionId: string) => string): JournalDescriber {
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
      }
    }
  }
}
