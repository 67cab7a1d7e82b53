// Every change made at Cloutility goes through here: run it (collecting the provider requests it
// makes), then write one activity-journal entry saying who, what, which request and how it ended,
// and tell the screens. A failed change is journaled too, then rethrown unchanged.

import type { CloutilityChange } from '../../../../shared/providers/cloutility/contract'
import type { JournalObject } from '../../../../shared/contract/journal.contract'
import { AppError } from '../../../../shared/errors'
import type { EventBus } from '../../events/event-bus'
import type { ActivityJournal } from '../../journal/activity-journal'
import type { Logger } from '../../log/logger'
import { primaryRequest, type RequestTracker, type TrackedRequest } from '../../journal/request-tracker'

export interface ChangeSpec<T> {
  connectionId: string
  /** The provider user name the change is made as (looked up after the change, never blocking it). */
  user: () => Promise<string>
  action: string
  objectType: CloutilityChange['objectType']
  /** What is changed; may use the result (e.g. the id of something created). */
  object: JournalObject | ((value: T) => JournalObject)
  /** What the entry names when the change failed and `object` needs a result. */
  target?: JournalObject
  businessUnitId?: number
  consumptionUnitId?: number
  /** Non-secret facts worth keeping (options chosen). */
  detail?: string
  /** Which request made the change, when it is not the last write (activation is a GET). */
  pick?: (r: TrackedRequest) => boolean
  /** Fallback id when no provider request was seen (the IPC request id). */
  fallbackRequestId?: string
}

export interface ChangeRecorder {
  run<T>(spec: ChangeSpec<T>, work: () => Promise<T>): Promise<T>
}

export function createChangeRecorder(deps: {
  journal: ActivityJournal
  events: EventBus
  logger: Logger
  tracker?: RequestTracker | undefined
}): ChangeRecorder {
  const log = deps.logger.child('cloutility.changes')
  return {
    async run<T>(spec: ChangeSpec<T>, work: () => Promise<T>): Promise<T> {
      const requests: TrackedRequest[] = []
      let value: T | undefined
      let failure: unknown
      try {
        value = deps.tracker ? await deps.tracker.track(requests, work) : await work()
      } catch (err) {
        failure = err
      }
      const ok = failure === undefined
      const errorRequestId = failure instanceof AppError && typeof failure.details?.requestId === 'string' ? failure.details.requestId : undefined
      const requestId = errorRequestId ?? primaryRequest(requests, spec.pick)?.requestId ?? spec.fallbackRequestId
      let object: JournalObject
      try {
        object = typeof spec.object === 'function' ? (ok ? spec.object(value as T) : (spec.target ?? { type: spec.objectType, id: '?' })) : spec.object
      } catch {
        object = { type: spec.objectType, id: '?' }
      }
      let user = ''
      try {
        user = await spec.user()
      } catch {
        // the journal still records the change without a user name
      }
      const details = [spec.detail, ok ? undefined : failure instanceof Error ? failure.message : String(failure)].filter(Boolean).join(' · ')
      try {
        await deps.journal.append({
          user,
          connectionId: spec.connectionId,
          provider: 'cloutility',
          action: spec.action,
          object,
          ...(requestId ? { requestId } : {}),
          result: ok ? 'ok' : failure instanceof AppError ? failure.code : 'INTERNAL',
          ...(details ? { detail: details } : {})
        })
      } catch (err) {
        log.error('could not write the activity journal', { err, action: spec.action, object })
      }
      const numericId = Number(object.id)
      deps.events.emit('cloutility.changed', {
        connectionId: spec.connectionId,
        objectType: spec.objectType,
        action: spec.action,
        id: Number.isFinite(numericId) ? numericId : 0,
        ...(spec.businessUnitId !== undefined ? { businessUnitId: spec.businessUnitId } : {}),
        ...(spec.consumptionUnitId !== undefined ? { consumptionUnitId: spec.consumptionUnitId } : {}),
        ok
      })
      if (!ok) throw failure
      return value as T
    }
  }
}
