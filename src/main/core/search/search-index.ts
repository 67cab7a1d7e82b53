// Search everywhere: an in-memory index built from what main has read (every snapshot written or
// served passes through `add`) and from the offline snapshots (decrypted once after unlock).
// Items are extracted from known channel outputs; a later answer of the same channel and input
// replaces the items the earlier one gave. Nothing here calls a provider.

import type { BusinessUnit, BusinessUnitNode, BackupNode, ConsumptionUnit } from '../../../shared/providers/cloutility/model'
import type { CloudAllyBackupTask, CloudAllyTask, CloudAllyUser } from '../../../shared/providers/cloudally/model'
import { CLOUDBACK_PLATFORM_LABELS, type TrackedDefinition } from '../../../shared/providers/cloudback/model'
import type { ConnectionSummary, ProviderKind } from '../../../shared/model/connection'
import type { SearchKind, SearchResult } from '../../../shared/model/search'
import { stableJson } from '../snapshots/snapshot-store'

export interface IndexedItem {
  /** Unique within a connection, e.g. `bu:12`, `node:345`. */
  key: string
  kind: SearchKind
  label: string
  detail?: string
  /** Nav params besides the connection id (bu, cu, task, definition, expand). */
  params: Record<string, string | number>
}

/** The node list the customers service keeps for Cloutility (from one status report). */
export interface IndexedNodeRef {
  consumerId: number
  consumerName: string
  nodeName?: string
  businessUnitId: number
  businessUnitName?: string
}

export const CUSTOMERS_NODES_CHANNEL = 'customers.nodes'

const KIND_BOOST: Record<SearchKind, number> = {
  node: 4,
  consumptionUnit: 3,
  businessUnit: 3,
  task: 2,
  repository: 2,
  user: 1,
  customer: 2,
  connection: 1
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

function buItem(id: number, name: string, parentName: string | undefined, expand: number[]): IndexedItem {
  const params: Record<string, string | number> = { bu: id }
  if (expand.length) params['expand'] = expand.join(',')
  return { key: `bu:${id}`, kind: 'businessUnit', label: name, ...(parentName ? { detail: `in ${parentName}` } : {}), params }
}

function cuItems(cu: Pick<ConsumptionUnit, 'id' | 'name' | 'businessUnitId' | 'businessUnitName' | 'nodeName' | 'os'>): IndexedItem[] {
  const params = { bu: cu.businessUnitId, cu: cu.id }
  const where = cu.businessUnitName ?? `business unit #${cu.businessUnitId}`
  const out: IndexedItem[] = [{ key: `cu:${cu.id}`, kind: 'consumptionUnit', label: cu.name, detail: where, params }]
  if (cu.nodeName) {
    out.push({ key: `node:${cu.id}`, kind: 'node', label: cu.nodeName, detail: `${cu.name} · ${where}${cu.os ? ` · ${cu.os}` : ''}`, params })
  }
  return out
}

function treeItems(root: BusinessUnitNode): IndexedItem[] {
  const out: IndexedItem[] = []
  const walk = (n: BusinessUnitNode, ancestors: BusinessUnitNode[]) => {
    const parent = ancestors[ancestors.length - 1]
    out.push(buItem(n.id, n.name, parent?.name, ancestors.map((a) => a.id)))
    for (const c of n.children ?? []) walk(c, [...ancestors, n])
  }
  walk(root, [])
  return out
}

/** Items an answer of `channel` carries (empty for channels the index does not know). */
export function extractItems(channel: string, input: unknown, value: unknown): IndexedItem[] {
  const inp = isObject(input) ? input : {}
  switch (channel) {
    case 'cloutility.tree': {
      const root = isObject(value) ? (value['root'] as BusinessUnitNode | undefined) : undefined
      return root ? treeItems(root) : []
    }
    case 'cloutility.searchBusinessUnits':
      return Array.isArray(value) ? (value as BusinessUnitNode[]).map((n) => buItem(n.id, n.name, undefined, [])) : []
    case 'cloutility.businessUnit.get': {
      const b = value as BusinessUnit | null
      return b && typeof b.id === 'number' ? [buItem(b.id, b.name, b.parentName, [])] : []
    }
    case 'cloutility.consumptionUnits.list': {
      const items = isObject(value) && Array.isArray(value['items']) ? (value['items'] as ConsumptionUnit[]) : []
      return items.flatMap(cuItems)
    }
    case 'cloutility.consumptionUnit.get': {
      const cu = value as ConsumptionUnit | null
      return cu && typeof cu.id === 'number' ? cuItems(cu) : []
    }
    case 'cloutility.node.get': {
      const node = value as BackupNode | null
      const bu = inp['businessUnitId']
      const cu = inp['consumptionUnitId']
      if (!node || typeof bu !== 'number' || typeof cu !== 'number') return []
      const label = node.nodeName ?? node.name
      return label ? [{ key: `node:${cu}`, kind: 'node', label, detail: node.name, params: { bu, cu } }] : []
    }
    case CUSTOMERS_NODES_CHANNEL: {
      const nodes = Array.isArray(value) ? (value as IndexedNodeRef[]) : []
      return nodes.flatMap((n) =>
        cuItems({ id: n.consumerId, name: n.consumerName, businessUnitId: n.businessUnitId, ...(n.businessUnitName ? { businessUnitName: n.businessUnitName } : {}), ...(n.nodeName ? { nodeName: n.nodeName } : {}) })
      )
    }
    case 'cloudally.tasks.list':
      return Array.isArray(value)
        ? (value as CloudAllyTask[]).map((t) => ({
            key: `task:${t.id}`,
            kind: 'task' as const,
            label: t.alias || t.account || t.userEmail || t.id,
            detail: [t.source, t.domain ?? t.userEmail, t.status].filter(Boolean).join(' · '),
            params: { task: t.id }
          }))
        : []
    case 'cloudally.backupTasks.list':
    case 'cloudally.backupTasks.get': {
      const tasks = Array.isArray(value) ? (value as CloudAllyBackupTask[]) : value && isObject(value) ? [value as unknown as CloudAllyBackupTask] : []
      return tasks
        .filter((t) => typeof t.id === 'string')
        .map((t) => ({
          key: `task:${t.id}`,
          kind: 'task' as const,
          label: t.name || t.id,
          detail: [t.source ?? t.type, t.status].filter(Boolean).join(' · '),
          params: { task: t.id }
        }))
    }
    case 'cloudally.users.list':
    case 'cloudally.resellers.get': {
      const users = Array.isArray(value)
        ? (value as CloudAllyUser[])
        : isObject(value) && Array.isArray(value['users'])
          ? (value['users'] as CloudAllyUser[])
          : []
      return users
        .filter((u) => typeof u.id === 'string')
        .map((u) => ({
          key: `user:${u.id}`,
          kind: 'user' as const,
          label: u.name || u.email || u.id,
          ...(u.email && u.email !== u.name ? { detail: u.email } : {}),
          params: { user: u.id }
        }))
    }
    case 'cloudback.tracked.list':
    case 'cloudback.definition.get':
    case 'cloudback.definition.update': {
      const defs = Array.isArray(value) ? (value as TrackedDefinition[]) : value && isObject(value) ? [value as unknown as TrackedDefinition] : []
      return defs
        .filter((d) => typeof d.key === 'string')
        .map((d) => ({
          key: `repo:${d.key}`,
          kind: 'repository' as const,
          label: `${d.account}/${d.subjectName}`,
          detail: `${CLOUDBACK_PLATFORM_LABELS[d.platform] ?? d.platform} ${d.subjectType.toLowerCase()}${d.settings ? (d.settings.enabled ? ' · enabled' : ' · disabled') : ''}`,
          params: { definition: d.key }
        }))
    }
    default:
      return []
  }
}

const SEPARATOR = /[\s/._\-:|·()@,]/

/** How well `text` (already lower-case, trimmed) matches `label`; 0 = no match. */
export function matchScore(label: string, text: string): number {
  const l = label.toLowerCase()
  if (!text) return 0
  if (l === text) return 100
  if (l.startsWith(text)) return 80 - Math.min(10, (l.length - text.length) / 4)
  for (let i = 1; i < l.length; i++) {
    if (SEPARATOR.test(l[i - 1] as string) && !SEPARATOR.test(l[i] as string) && l.startsWith(text, i)) return 60
  }
  const at = l.indexOf(text)
  if (at >= 0) return 40 - Math.min(10, at / 4)
  // Subsequence ("nwsrv" → "NORTHWIND-SRV"), only for queries of 3+ characters.
  if (text.length >= 3) {
    let i = 0
    for (const ch of l) if (ch === text[i]) i++
    if (i === text.length) return 10
  }
  return 0
}

function scoreItem(label: string, detail: string | undefined, tokens: string[], whole: string): number {
  const full = matchScore(label, whole)
  if (tokens.length <= 1) {
    if (full > 0) return full
    return detail && whole.length >= 2 && detail.toLowerCase().includes(whole) ? 15 : 0
  }
  // Every token must match the label or the detail.
  let total = 0
  for (const t of tokens) {
    const s = Math.max(matchScore(label, t), detail && detail.toLowerCase().includes(t) ? 15 : 0)
    if (s === 0) return 0
    total += s
  }
  return Math.max(full, total / tokens.length)
}

export class SearchIndex {
  /** connectionId → source (channel + input) → items. */
  private readonly sources = new Map<string, Map<string, IndexedItem[]>>()

  add(connectionId: string, channel: string, input: unknown, value: unknown): void {
    const items = extractItems(channel, input, value)
    const source = `${channel}\n${stableJson(input)}`
    let perConnection = this.sources.get(connectionId)
    if (!items.length) {
      perConnection?.delete(source)
      return
    }
    if (!perConnection) {
      perConnection = new Map()
      this.sources.set(connectionId, perConnection)
    }
    perConnection.set(source, items)
  }

  removeConnection(connectionId: string): void {
    this.sources.delete(connectionId)
  }

  clear(): void {
    this.sources.clear()
  }

  hasConnection(connectionId: string): boolean {
    return this.sources.has(connectionId)
  }

  get size(): number {
    let n = 0
    for (const m of this.sources.values()) for (const items of m.values()) n += items.length
    return n
  }

  query(text: string, limit: number, connections: readonly ConnectionSummary[]): SearchResult[] {
    const whole = text.trim().toLowerCase()
    if (!whole) return []
    const tokens = whole.split(/\s+/).filter(Boolean)
    const byId = new Map<string, SearchResult>()
    const keep = (r: SearchResult) => {
      const prior = byId.get(r.id)
      if (!prior || prior.score < r.score || (prior.score === r.score && (r.detail?.length ?? 0) > (prior.detail?.length ?? 0))) byId.set(r.id, r)
    }
    const known = new Map(connections.map((c) => [c.id, c]))

    for (const c of connections) {
      const s = scoreItem(c.name, c.customer, tokens, whole)
      if (s > 0) {
        keep({
          id: `connection:${c.id}`,
          provider: c.provider,
          connectionId: c.id,
          connectionName: c.name,
          kind: 'connection',
          label: c.name,
          ...(c.customer ? { detail: c.customer } : {}),
          score: s + KIND_BOOST.connection,
          target: { screen: 'connection', params: { id: c.id } }
        })
      }
    }
    const customers = new Map<string, ProviderKind[]>()
    for (const c of connections) if (c.customer) customers.set(c.customer, [...(customers.get(c.customer) ?? []), c.provider])
    for (const [name, providers] of customers) {
      const s = scoreItem(name, undefined, tokens, whole)
      if (s > 0) {
        keep({
          id: `customer:${name.toLowerCase()}`,
          kind: 'customer',
          label: name,
          detail: `${providers.length} connection${providers.length === 1 ? '' : 's'}`,
          score: s + KIND_BOOST.customer,
          target: { screen: 'customer', params: { name } }
        })
      }
    }

    for (const [connectionId, perConnection] of this.sources) {
      const c = known.get(connectionId)
      if (!c) continue
      for (const items of perConnection.values()) {
        for (const item of items) {
          const s = scoreItem(item.label, item.detail, tokens, whole)
          if (s === 0) continue
          keep({
            id: `${connectionId}:${item.key}`,
            provider: c.provider,
            connectionId,
            connectionName: c.name,
            kind: item.kind,
            label: item.label,
            ...(item.detail ? { detail: item.detail } : {}),
            score: s + KIND_BOOST[item.kind],
            target: { screen: 'connection', params: { id: connectionId, ...item.params } }
          })
        }
      }
    }
    return [...byId.values()]
      .sort((a, b) => b.score - a.score || a.label.length - b.label.length || a.label.localeCompare(b.label))
      .slice(0, limit)
  }
}
