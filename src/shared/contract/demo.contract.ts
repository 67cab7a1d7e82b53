import { z } from 'zod'
import type { ProviderKind } from '../model/connection'
import { defineChannel, defineTopic, NoInput } from './define'

// Demo workspace: the built-in simulator started inside main, with demo connections to it
// (marked `demo: true`), so every screen works with no credentials. Removable in one step.

export interface DemoStatus {
  /** Demo connections exist in the vault. */
  active: boolean
  /** The simulator is running in this process. */
  running: boolean
  connections: Array<{ id: string; provider: ProviderKind; name: string; customer: string }>
  /** What went wrong the last time the simulator was (re)started. */
  error?: string
}

export const DEMO_REMOVE_CONFIRM = 'remove-demo' as const

export const demoChannels = {
  'demo.status': defineChannel<DemoStatus>()(NoInput),
  /** Starts the simulator and creates the demo connections (or re-points existing ones). */
  'demo.start': defineChannel<DemoStatus>()(NoInput, { mutates: true }),
  /** Deletes every demo connection (and its snapshots) and stops the simulator. */
  'demo.remove': defineChannel<DemoStatus>()(z.object({ confirm: z.literal(DEMO_REMOVE_CONFIRM) }).strict(), { mutates: true })
} as const

export const demoTopics = {
  'demo.status': defineTopic<DemoStatus>()
} as const
