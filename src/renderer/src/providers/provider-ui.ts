import type { ComponentType } from 'react'
import type { ConnectionSummary, ProviderKind } from '../../../shared/model/connection'
import type { FleetRow } from '../../../shared/model/fleet'
import type { SearchResult } from '../../../shared/model/search'
import type { TopicRoutes } from '../app/topic-routes'

// What the renderer knows about one provider. Screens that show every provider (connections,
// fleet, customers, search, restore center) read this through registry.ts and never name one.

/** One input of the connection form, in the order a technician finds it in the provider's portal. */
interface ConnectionField {
  /** The connection input's key (and the form control's id suffix). */
  key: string
  label: string
  /** Kept in the vault; an empty value on edit keeps the stored one. */
  secret?: boolean
  hint?: string
}

/** A provider with more than one kind of login (a radio group above its fields). */
interface LoginModes {
  legend: string
  /** The first is the default. */
  options: ReadonlyArray<{ value: string; label: string }>
}

/** One object a restore can start from, as the restore center's search finds it. */
export interface RestorableObject {
  /** Unique across connections and providers. */
  key: string
  connectionId: string
  connectionName: string
  /** What it is, in the singular ("Backup task", "Backup node"). */
  what: string
  name: string
  /** The customer it belongs to, as the provider names it. */
  customer?: string
  /** Source, node name…: what tells two objects of one customer apart. */
  detail?: string
  lastBackup?: string
  /** The provider's own references, read back by its options component. */
  ref: Readonly<Record<string, string | number>>
}

/** What a search found on one connection. */
export interface RestorableFound {
  objects: RestorableObject[]
  /**
   * What the search left unread that may match, in a sentence the center shows after the
   * connection's name (a search that reads only some customers), so a missing object is not taken
   * for one with no backup.
   */
  unread?: string
}

/** A provider's part of the restore center: how to find its restorable objects and restore one. */
export interface RestoreCenterPart {
  /** What its restorable objects are, in the plural ("CloudAlly backup tasks"). */
  objects: string
  /** Its objects on one connection matching `text` (the center asks each connection on its own, so one failing connection costs only its own results). */
  find(connection: ConnectionSummary, text: string): Promise<RestorableFound>
  /** The restore options of one picked object. */
  Options: ComponentType<{ object: RestorableObject; onClose: () => void }>
}

export interface ProviderUi<K extends ProviderKind = ProviderKind> {
  kind: K
  label: string
  /** What a customer keeps there, for the overview's opening line ("Cloudback repository definitions"). */
  holds: string
  /** What a fleet scan reads the status of, in the singular ("tracked Cloudback definition"). */
  fleetItem: string
  /** The connection form's base URL for a new connection. */
  defaultBaseUrl: string
  loginModes?: LoginModes
  /** The provider's own fields of the connection form, for the chosen login mode. */
  connectionFields(mode: string): ConnectionField[]
  /** Its activity-journal action codes in words (main's journal describer writes the codes), for the Activity screen. */
  journalActions?: Readonly<Record<string, string>>
  /** The kinds of object its journal entries name, in words. */
  journalObjects?: Readonly<Record<string, string>>
  /** Shown under a connection's header. */
  Console: ComponentType<{ connection: ConnectionSummary }>
  /** What it does with its own main→renderer topics (app/ipc-events.ts subscribes them). */
  events?: TopicRoutes
  /** A customer's part with nothing in it: what to say instead of an empty table. */
  emptyCustomerPart?: string
  /** Its sections of the restore center (given this provider's connections), in registry order. */
  RestoreCenterSection?: ComponentType<{ connections: ConnectionSummary[] }>
  /** How the restore center's search finds and restores its objects. */
  restoreCenter?: RestoreCenterPart
  /** Said in the restore center instead, for a provider Backdesk cannot restore from. */
  restoreCenterNote?: string
  // Before the app navigates to a connection for an object found on another screen, the console
  // is pointed at that object (for example the unit in a tree). Optional: without them the
  // connection opens where the user left it.
  revealFleetRow?(row: Pick<FleetRow, 'connectionId' | 'ids'>): void
  revealCustomerItem?(connectionId: string, businessUnitId: number): void
  revealSearchResult?(connectionId: string, target: SearchResult['target']): void
}
