import type { ProviderKind } from './connection'

// "Bring your credentials": a preview of a password-manager export, entry by entry, before
// anything is saved. No password or secret appears here.

export type CredentialSourceFormat = 'kdbx' | 'bitwarden' | '1password'

export interface CredentialImportEntry {
  index: number
  title: string
  url: string
  username: string
  /** KeePass group, Bitwarden folder or 1Password tag: offered as the customer. */
  group: string
  /** Recognised from the URL, or null. */
  detected: ProviderKind | null
  /** Per provider: null when the entry can become that connection, else what is missing. */
  problems: Record<ProviderKind, string | null>
  /** A connection with the same provider and name exists already. */
  duplicate: boolean
}

export interface CredentialImportPreview {
  importId: string
  format: CredentialSourceFormat
  entries: CredentialImportEntry[]
  /** Entries of other kinds (notes, cards…) left out. */
  skipped: number
}

export interface CredentialImportResult {
  created: number
  ids: string[]
}
