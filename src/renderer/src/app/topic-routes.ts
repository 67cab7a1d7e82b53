import type { TopicName, TopicPayload } from '../../../shared/contract'
import type { AppState } from '../store'

/** The store as an event handler sees it: read the current state (and its actions) when the event comes. */
export interface StoreAccess {
  getState(): AppState
}

/** What to do with each main→renderer topic; a provider contributes its own through its ProviderUi. */
export type TopicRoutes = { [T in TopicName]?: (payload: TopicPayload<T>, store: StoreAccess) => void }
