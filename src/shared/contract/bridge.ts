import type { Result } from '../errors'
import type { ChannelInput, ChannelName, ChannelOutput, TopicName, TopicPayload } from './index'

/**
 * What the preload (Electron) or /bridge.js (web shell) puts on `window.backdesk`: one function
 * per declared channel and one subscribe function per declared topic. There is deliberately no
 * generic `invoke(name)`: a compromised renderer can only reach what the contract lists.
 */
export interface BackdeskBridge {
  readonly shell: 'electron' | 'web'
  readonly invoke: {
    readonly [K in ChannelName]: (input?: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>
  }
  readonly on: {
    readonly [T in TopicName]: (listener: (payload: TopicPayload<T>) => void) => () => void
  }
}

export const BRIDGE_GLOBAL = 'backdesk'
