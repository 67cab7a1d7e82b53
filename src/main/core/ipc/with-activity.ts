import { isChannelName, type ChannelName } from '../../../shared/contract'
import type { Router } from './router'

/** Calls that do not count as user activity: the renderer may poll them. */
export const PASSIVE_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'vault.status',
  'app.ping',
  'app.about',
  // Sent by the page itself when a form's state changes, not a request of the user's.
  'app.unsavedEdits.report'
])

/**
 * Wraps a router so every real IPC call (any declared channel except passive ones) restarts the
 * vault's idle timer before it runs. Both shells dispatch through this.
 */
export function withActivity(router: Router, noteActivity: () => void, passive: ReadonlySet<ChannelName> = PASSIVE_CHANNELS): Router {
  const note = (channel: unknown) => {
    if (isChannelName(channel) && !passive.has(channel)) {
      try {
        noteActivity()
      } catch {
        // never block a call over the idle timer
      }
    }
  }
  return {
    channelNames: router.channelNames,
    dispatch(channel, input, shell, caller) {
      note(channel)
      return router.dispatch(channel, input, shell, caller)
    },
    dispatchJson(channel, input, shell, caller) {
      note(channel)
      return router.dispatchJson(channel, input, shell, caller)
    }
  }
}
