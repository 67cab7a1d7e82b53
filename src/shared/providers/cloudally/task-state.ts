// How a CloudAlly task's own state weighs against the outcome of its last run, written once for
// every screen that judges one: Fleet health and customer pages (main's row builder) and the
// console's Overview (the status list beside the task list).

import type { CloudAllyStatusEntry } from './model'

/** A task state in which CloudAlly runs no backup. */
export type CloudAllyStoppedState = 'PAUSED' | 'SUSPENDED' | 'ARCHIVED'

const STOPPED: ReadonlySet<string> = new Set<CloudAllyStoppedState>(['PAUSED', 'SUSPENDED', 'ARCHIVED'])

/** The task's state when it runs no backup (paused, suspended, archived; either spelling); undefined when it runs. */
export function stoppedTaskState(status: string | undefined): CloudAllyStoppedState | undefined {
  const word = (status ?? '').toUpperCase()
  return STOPPED.has(word) ? (word as CloudAllyStoppedState) : undefined
}

/** An entity's state as judged: the status list's outcome, unless its task is stopped. */
export type CloudAllyEntityState = CloudAllyStatusEntry['overall'] | CloudAllyStoppedState

/**
 * An entity of the status list judged with its task's state: a stopped task's entity reads as the
 * task's state, whatever its last run left (a failure before the pause is history, not a failure
 * now), so it is never counted failed where Fleet health calls its task paused. An entity the list
 * itself calls archived stays archived.
 */
export function entityState(entry: CloudAllyStatusEntry, taskStatus: string | undefined): CloudAllyEntityState {
  if (entry.overall === 'ARCHIVED') return 'ARCHIVED'
  return stoppedTaskState(taskStatus) ?? entry.overall
}

const STATE_RANK: Record<CloudAllyEntityState, number> = { FAILED: 0, IN_PROGRESS: 1, UNKNOWN: 2, OK: 3, PAUSED: 4, SUSPENDED: 4, ARCHIVED: 5 }

/** Failures first, then running, unknown, healthy, stopped and archived; the order within each kept. */
export function byEntityStateFailuresFirst(a: CloudAllyEntityState, b: CloudAllyEntityState): number {
  return STATE_RANK[a] - STATE_RANK[b]
}
