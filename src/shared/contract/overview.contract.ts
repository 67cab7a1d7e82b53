import { z } from 'zod'
import type { Overview, UnitHealth } from '../model/overview'
import { defineChannel, Id, NoInput } from './define'

// The Overview's numbers, computed in main from what is already known (no provider is called).

export const overviewChannels = {
  /** Counts, health dots, the five objects to look at first and the trend; LOCKED while locked. */
  'overview.get': defineChannel<Overview>()(NoInput),
  /** Health per business unit of one connection from the latest scan; null when no kept scan covers it. */
  'overview.unitHealth': defineChannel<UnitHealth | null>()(z.object({ connectionId: Id }).strict())
} as const
