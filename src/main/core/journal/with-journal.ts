// The journal layer over a provider module's handler map, beside the offline layer: every channel
// the contract marks `mutates: true` is run inside the request tracker (so the entry can name the
// provider request that made the change) and then written to the activity journal with the
// provider, the object, before/after where the module knows them, the result and the technician.
// A failed change is journaled too and rethrown unchanged. What an entry names comes from the
// module's `journal` describer, one entry per channel; the handlers themselves know nothing of the
// journal. A mutating channel the describer does not name is refused when the layer is built, so a
// new change cannot ship unjournaled.

import type { JournalObject } from '../../../shared/contract/journal.contract'
import { AppError } from '../../../shared/errors'
import type { CallContext, ChannelTable } from '../ipc/router'
import { silentLogger, type Logger } from '../log/logger'
import type { ActivityJournal } from './activity-journal'
import { primaryRequest, type RequestTracker, type TrackedRequest } from './request-tracker'

/** What a change is, as its provider module names it. */
export interface JournalChange {
  /** 'update', 'apply', 'restore', 'download'… */
  action: string
  object: JournalObject
  /** Short non-secret facts, before → after where known ("enabled: yes → no"). */
  detail?: string
  /** The connection changed, when the channel's input does not name it (a change to a record Backdesk keeps, found by its id). */
  connectionId?: string
}

/**
 * How one channel's change reads. `value` is the handler's answer (absent when the change failed);
 * `before` what `before()` read just ahead of the change (the state it replaces, where known).
 */
export interface ChannelJournal {
  before?(input: Readonly<Record<string, unknown>>): Promise<unknown>
  describe(input: Readonly<Record<string, unknown>>, value: unknown, before: unknown): JournalChange
  /** Which provider request made the change, when it is not the last write (a change made by a GET). */
  request?(r: TrackedRequest): boolean
}

/** How a module names its changes: one entry for each of its `mutates: true` channels. */
export interface JournalDescriber {
  channels: Readonly<Record<string, ChannelJournal>>
  /** The technician as the provider knows them (the login of the connection), or ''. */
  user?(connectionId: string): string | Promise<string>
  /** After the entry is written (or could not be), e.g. to tell the module's screens what changed. */
  settled?(channel: string, input: Readonly<Record<string, unknown>>, change: JournalChange, ok: boolean): void
}

export interface WithJournalOptions {
  /** The provider: its kind is the channel prefix and the entry's `provider`. */
  domain: string
  channels: ChannelTable
  journal: ActivityJournal
  requests: RequestTracker
  describer: JournalDescriber
  logger?: Logger
}

type AnyHandler = (input: unknown, ctx: CallContext) => unknown

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Which of `names` are `mutates: true` channels in `channels`. */
export function mutatingChannels(channels: ChannelTable, names: Iterable<string>): string[] {
  return [...names].filter((name) => channels[name]?.mutates)
}

/**
 * `handlers` (one module's) with every `mutates: true` channel journaled as `domain`'s; others
 * returned as they are. Throws when such a channel has no entry in the describer.
 */
export function withJournal<M extends object>(handlers: M, options: WithJournalOptions): M {
  const log = (options.logger ?? silentLogger).child('journal')
  const out: Record<string, unknown> = { ...(handlers as Record<string, unknown>) }
  // Every changing channel the module handles, whatever its prefix (CloudAlly's `restores.*`).
  const unjournaled = mutatingChannels(options.channels, Object.keys(out)).filter((name) => !options.describer.channels[name])
  if (unjournaled.length > 0) throw new AppError('INTERNAL', `These changes have no activity-journal entry: ${unjournaled.join(', ')}.`)
  for (const [name, handler] of Object.entries(handlers as Record<string, unknown>)) {
    const entry = options.describer.channels[name]
    if (!entry || typeof handler !== 'function' || !options.channels[name]?.mutates) continue
    const run = handler as AnyHandler
    out[name] = async (input: unknown, ctx: CallContext) => {
      const requests: TrackedRequest[] = []
      const fields = (input ?? {}) as Readonly<Record<string, unknown>>
      let before: unknown
      try {
        before = await entry.before?.(fields)
      } catch {
        // unknown before: the entry says what it can
      }
      let value: unknown
      let failure: unknown
      try {
        value = await options.requests.track(requests, async () => run(input, ctx))
      } catch (err) {
        failure = err
      }
      const ok = failure === undefined
      let connectionId = typeof fields['connectionId'] === 'string' ? fields['connectionId'] : ''
      let change: JournalChange | undefined
      try {
        change = entry.describe(fields, ok ? value : undefined, before)
        connectionId = change.connectionId ?? connectionId
        let user = ''
        try {
          user = (await options.describer.user?.(connectionId)) ?? ''
        } catch {
          // the entry is still written without a user name
        }
        const errorRequestId = failure instanceof AppError && typeof failure.details?.['requestId'] === 'string' ? failure.details['requestId'] : undefined
        const requestId = errorRequestId ?? primaryRequest(requests, entry.request)?.requestId ?? ctx.requestId
        const detail = [change.detail, ok ? undefined : messageOf(failure)].filter(Boolean).join(' · ')
        await options.journal.append({
          user,
          connectionId,
          provider: options.domain,
          action: change.action,
          object: change.object,
          requestId,
          result: ok ? 'ok' : failure instanceof AppError ? failure.code : 'INTERNAL',
          ...(detail ? { detail } : {})
        })
      } catch (err) {
        log.error('could not write the activity journal', { err, channel: name })
      }
      if (change) {
        try {
          options.describer.settled?.(name, fields, change, ok)
        } catch (err) {
          log.error('a journal listener failed', { err, channel: name })
        }
      }
      if (!ok) throw failure
      return value
    }
  }
  return out as M
}
