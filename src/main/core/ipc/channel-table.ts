// The router's channel table: the static contract, plus what provider modules outside it bring
// (a provider added at run time, e.g. in a test). Zod still checks every input at the door before
// any handler: a module's channels with its own schemas, and `connections.create/update` with the
// contract's provider union or, failing that, one of the added modules' create/update schemas.

import { z } from 'zod'
import { channels } from '../../../shared/contract'
import type { ChannelSpec } from '../../../shared/contract/define'
import type { ChannelTable } from './router'

export interface ContractExtension {
  readonly kind: string
  readonly contract?: {
    create: z.ZodType
    update: z.ZodType
    channels: Readonly<Record<string, ChannelSpec<z.ZodType, unknown>>>
  }
}

export function channelTable(modules: readonly ContractExtension[]): ChannelTable {
  const extensions = modules.flatMap((m) => (m.contract ? [m.contract] : []))
  if (extensions.length === 0) return channels
  const table: Record<string, { input: z.ZodType; mutates: boolean }> = { ...channels }
  for (const ext of extensions) {
    for (const [name, spec] of Object.entries(ext.channels)) {
      if (name in table) throw new Error(`Channel ${name} is defined twice.`)
      table[name] = spec
    }
  }
  const create = channels['connections.create']
  const update = channels['connections.update']
  table['connections.create'] = { ...create, input: z.union([create.input, ...extensions.map((e) => e.create)]) }
  table['connections.update'] = { ...update, input: z.union([update.input, ...extensions.map((e) => e.update)]) }
  return table
}
