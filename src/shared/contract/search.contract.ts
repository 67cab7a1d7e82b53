import { z } from 'zod'
import type { SearchAnswer } from '../model/search'
import { defineChannel } from './define'

// Search everywhere (Ctrl/Cmd+K): ranked results over what main has read from every connection
// (its answers, the fleet scan's rows and the offline snapshots), with the connections whose
// objects are not all indexed yet. Never calls a provider.

export const searchChannels = {
  'search.query': defineChannel<SearchAnswer>()(
    z.object({ text: z.string().max(200).describe('Search'), limit: z.number().int().min(1).max(100).default(20) }).strict()
  )
} as const
