import { onTestFinished } from 'vitest'
import type { ChannelInput, ChannelName, ChannelOutput, TopicName, TopicPayload } from '../../src/shared/contract'
import type { BackdeskBridge } from '../../src/shared/contract/bridge'
import type { ErrorInfo } from '../../src/shared/errors'

// The one stand-in a renderer unit test uses: there is no main process, so `window.backdesk` is
// a recording fake. It answers the channels a test gives answers for (anything else fails the
// call as main would for an unknown one), records every call, and lets the test emit topics.
// Installed inside a test, it is removed when that test finishes, so no test inherits another's.

type Answer<K extends ChannelName> = (input: ChannelInput<K>) => ChannelOutput<K> | Promise<ChannelOutput<K>>
export type Answers = { [K in ChannelName]?: Answer<K> }

/** Thrown from an answer: the call fails with this error, as main's envelope carries it. */
export class MainError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message)
  }
}

export interface FakeBridge {
  readonly calls: Array<{ channel: ChannelName; input: unknown }>
  callsTo(channel: ChannelName): unknown[]
  emit<T extends TopicName>(topic: T, payload: TopicPayload<T>): void
  listenerCount(topic: TopicName): number
  /** Puts the window back as it was (done by itself when the test that installed it finishes). */
  remove(): void
}

/** Whether the running test already restores the window when it finishes (from its first install). */
let restoreScheduled = false

/** `shell`: which shell the page believes it runs in (default the web shell). */
export function installFakeBridge(answers: Answers = {}, options: { shell?: BackdeskBridge['shell'] } = {}): FakeBridge {
  const calls: FakeBridge['calls'] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const invoke = new Proxy(
    {},
    {
      get: (_target, channel: string) => async (input: unknown) => {
        calls.push({ channel: channel as ChannelName, input })
        const answer = (answers as Record<string, ((input: unknown) => unknown) | undefined>)[channel]
        if (!answer) return { ok: false, error: { code: 'INTERNAL', message: `No answer for ${channel} in this test.`, retryable: false } }
        try {
          return { ok: true, value: await answer(input) }
        } catch (error) {
          if (error instanceof MainError) return { ok: false, error: error.info }
          throw error
        }
      }
    }
  )
  const on = new Proxy(
    {},
    {
      get: (_target, topic: string) => (listener: (payload: unknown) => void) => {
        const set = listeners.get(topic) ?? new Set()
        set.add(listener)
        listeners.set(topic, set)
        return () => void set.delete(listener)
      }
    }
  )
  const before = window.backdesk
  window.backdesk = { shell: options.shell ?? 'web', invoke, on } as unknown as BackdeskBridge
  const remove = () => {
    window.backdesk = before
  }
  if (!restoreScheduled) {
    // Whatever the test installed or removed since, it leaves the window as it found it.
    restoreScheduled = true
    onTestFinished(() => {
      window.backdesk = before
      restoreScheduled = false
    })
  }
  return {
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    emit: (topic, payload) => {
      for (const listener of [...(listeners.get(topic) ?? [])]) listener(payload)
    },
    listenerCount: (topic) => listeners.get(topic)?.size ?? 0,
    remove
  }
}
