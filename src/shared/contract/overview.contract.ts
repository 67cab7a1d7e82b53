import type { Overview } from '../model/overview'
import { defineChannel, NoInput } from './define'

// The Overview's numbers, computed in main from what is already known (no provider is called).

export const overviewChannels = {
  /** Counts, health dots, the five objects to look at first and the trend; LOCKED while locked. */
  'overview.get': defineChannel<Overview>()(NoInput)
} as const
