import { z } from 'zod'
import type { SearchResult } from '../model/search'
import { defineChannel } from './define'

// Search everywhere (Ctrl/Cmd+K): ranked results over what main has read from every connection
// (and the offline snapshots). Never calls a provider.

export const searchChannels = {
  'search.query': defineChannel<SearchResult[]>()(
    z.object({ text: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }).strict()
  )
} as const
