import type { Handler } from '../ipc/router'
import type { ActivityJournal } from './activity-journal'

export function createJournalHandlers(journal: ActivityJournal): {
  'journal.list': Handler<'journal.list'>
  'journal.verify': Handler<'journal.verify'>
} {
  return {
    'journal.list': (input) =>
      journal.list({ connectionId: input?.connectionId, offset: input?.offset ?? 0, limit: input?.limit ?? 100 }),
    'journal.verify': () => journal.verify()
  }
}
