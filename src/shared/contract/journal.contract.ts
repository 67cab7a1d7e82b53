import { z } from 'zod'
import { defineChannel, Id } from './define'

// The activity journal: every change Backdesk makes at a provider, who made it and how it ended.
// Append-only, sealed and chained in main under keys derived from the vault (each entry carries
// the HMAC of the one before), so an edited, removed, reordered or cut-off line shows on verify,
// even if whoever edited the file recomputed the chain. Never holds a secret. Read only while the
// vault is unlocked.

export interface JournalObject {
  /** 'businessUnit', 'consumptionUnit', 'node', 'proxy', 'invoiceFile'… */
  type: string
  id: string
  name?: string
}

export interface JournalEntry {
  /** 1-based position in the journal. */
  seq: number
  /** ISO time the change finished. */
  at: string
  /** Provider user name the change was made as. */
  user: string
  connectionId: string
  provider: string
  /** 'create', 'update', 'delete', 'activate', 'changePassword', 'grantProxy', 'revokeProxy', 'upload'… */
  action: string
  object: JournalObject
  /** The HTTP request id of the provider call (what support asks for). */
  requestId?: string
  /** 'ok' or the shared error code. */
  result: string
  /** Short non-secret facts (e.g. "deleteAssociations: true", the error message). */
  detail?: string
  /** `hash` of the previous entry; 64 zeros for the first. */
  prev: string
  /** HMAC-SHA256 (hex), under the vault's journal chain key, of this entry without `hash`. */
  hash: string
}

export interface JournalPage {
  entries: JournalEntry[]
  total: number
  offset: number
}

export type JournalVerdict =
  | {
      ok: true
      entries: number
      /** What the check could not prove, in plain words (entries written before keyed chains). */
      note?: string
    }
  | {
      ok: false
      entries: number
      note?: string
      /** 1-based line number of the first entry that does not fit the chain. */
      line: number
      /** The seq that line claims, when it could be read. */
      seq?: number
      reason: string
    }

export const journalChannels = {
  /** Newest first. */
  'journal.list': defineChannel<JournalPage>()(
    z
      .object({
        connectionId: Id.optional(),
        offset: z.number().int().min(0).max(100_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100)
      })
      .strict()
      .optional()
  ),
  'journal.verify': defineChannel<JournalVerdict>()(z.object({}).strict().optional())
} as const
