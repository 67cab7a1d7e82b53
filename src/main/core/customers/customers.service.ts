// Customers: connections grouped by their customer label. A customer page joins, per connection,
// what it protects (Cloutility business units with their nodes' status, CloudAlly accounts with
// their tasks' status, tracked Cloudback definitions) and one combined status, the worst of its
// parts. A "light refresh" is one or two calls per connection (Cloutility: one status report for
// the home subtree; CloudAlly: tasks + status); when a provider does not answer, the last part
// computed (kept in the encrypted snapshot cache) is shown instead, marked as such.

import type { CloudAllyBackupTask, CloudAllyStatusEntry, CloudAllyTask } from '../../../shared/providers/cloudally/model'
import type { BackupStatus, StatusReport } from '../../../shared/providers/cloutility/model'
import type { TrackedDefinition } from '../../../shared/providers/cloudback/model'
import type { ConnectionSummary } from '../../../shared/model/connection'
import { worstHealth, type CustomerItem, type CustomerListItem, type CustomerPage, type CustomerPart, type Health } from '../../../shared/model/customers'
import { AppError } from '../../../shared/errors'
import type { ConnectionStore } from '../connections/connection-store'
import type { HandlerMap } from '../ipc/router'
import { silentLogger, type Logger } from '../log/logger'
import type { ProviderSessions } from '../providers/provider-sessions'
import { CUSTOMERS_NODES_CHANNEL, type IndexedNodeRef } from '../search/search-index'
import type { OfflineTracker } from '../snapshots/offline-tracker'
import type { SnapshotStore } from '../snapshots/snapshot-store'
import { isUnreachable } from '../snapshots/with-snapshots'

export const CUSTOMERS_PART_CHANNEL = 'customers.part'
const ITEM_LIMIT = 500

export function healthOfBackupStatus(status: BackupStatus | undefined): Health | undefined {
  switch (status) {
    case 'ok':
      return 'ok'
    case 'warning':
      return 'warning'
    case 'error':
      return 'error'
    case 'unknown':
      return 'unknown'
    default:
      // pending (new, never ran) and ignored do not count against a customer.
      return undefined
  }
}

/** Business units of a status report subtree, each with its own nodes' worst status. */
export function cloutilityItems(report: StatusReport): { items: CustomerItem[]; nodes: IndexedNodeRef[] } {
  const items: CustomerItem[] = []
  const nodes: IndexedNodeRef[] = []
  const walk = (r: StatusReport) => {
    const healths: Health[] = []
    for (const n of r.nodeReports) {
      const h = healthOfBackupStatus(n.status)
      if (h) healths.push(h)
      if (n.consumerId !== undefined) {
        const buId = n.businessUnitId ?? r.businessUnitId
        if (buId !== undefined) {
          nodes.push({
            consumerId: n.consumerId,
            consumerName: n.consumerName,
            businessUnitId: buId,
            ...(n.nodeName ? { nodeName: n.nodeName } : {}),
            ...((n.businessUnitName ?? r.businessUnitName) ? { businessUnitName: (n.businessUnitName ?? r.businessUnitName) as string } : {})
          })
        }
      }
    }
    if (r.businessUnitId !== undefined && r.nodeReports.length > 0) {
      const failing = r.nodeReports.filter((n) => n.status === 'error').length
      const warn = r.nodeReports.filter((n) => n.status === 'warning').length
      items.push({
        id: String(r.businessUnitId),
        label: r.businessUnitName ?? `Business unit #${r.businessUnitId}`,
        detail: `${r.nodeReports.length} node${r.nodeReports.length === 1 ? '' : 's'}${failing ? ` · ${failing} failing` : ''}${warn ? ` · ${warn} with warnings` : ''}`,
        status: healths.length ? worstHealth(healths) : 'ok',
        businessUnitId: r.businessUnitId
      })
    }
    for (const c of r.childReports) walk(c)
  }
  walk(report)
  return { items, nodes }
}

const OVERALL_HEALTH: Record<CloudAllyStatusEntry['overall'], Health | undefined> = {
  FAILED: 'error',
  IN_PROGRESS: 'ok',
  OK: 'ok',
  UNKNOWN: 'unknown',
  ARCHIVED: undefined
}

/** CloudAlly accounts (partner view): tasks grouped by account, with the worst entity status. */
export function cloudAllyAccountItems(tasks: CloudAllyTask[], status: CloudAllyStatusEntry[]): CustomerItem[] {
  const byTask = new Map<string, Health[]>()
  for (const s of status) {
    const h = OVERALL_HEALTH[s.overall]
    if (!s.taskId || !h) continue
    byTask.set(s.taskId, [...(byTask.get(s.taskId) ?? []), h])
  }
  const accounts = new Map<string, { tasks: CloudAllyTask[]; healths: Health[] }>()
  for (const t of tasks) {
    const name = t.account || t.userEmail || t.domain || t.id
    const a = accounts.get(name) ?? { tasks: [], healths: [] }
    a.tasks.push(t)
    const archived = /archiv/i.test(t.status ?? '')
    const hs = byTask.get(t.id) ?? byTask.get(t.backupTaskId ?? '') ?? []
    if (!archived) a.healths.push(...(hs.length ? hs : ['unknown' as const]))
    accounts.set(name, a)
  }
  return [...accounts.entries()].map(([name, a]) => ({
    id: name,
    label: name,
    detail: `${a.tasks.length} task${a.tasks.length === 1 ? '' : 's'}: ${[...new Set(a.tasks.map((t) => t.source ?? t.type).filter(Boolean))].join(', ')}`,
    status: a.healths.length ? worstHealth(a.healths) : 'ok'
  }))
}

/** CloudAlly portal user: one item per backup task. */
export function cloudAllyTaskItems(tasks: CloudAllyBackupTask[]): CustomerItem[] {
  return tasks.map((t) => {
    const s = (t.status ?? '').toLowerCase()
    const status: Health = s === 'failed' ? 'error' : s === 'success' || s === 'in_progress' ? 'ok' : s === 'paused' ? 'warning' : 'unknown'
    return { id: t.id, label: t.name ?? t.id, detail: [t.source ?? t.type, t.status].filter(Boolean).join(' · '), status }
  })
}

export function cloudbackItems(defs: TrackedDefinition[]): CustomerItem[] {
  return defs.map((d) => {
    const status: Health = d.lastError ? 'error' : !d.settings ? 'unknown' : d.settings.enabled ? 'ok' : 'warning'
    const detail = d.lastError
      ? d.lastError
      : d.settings
        ? d.settings.enabled
          ? `Enabled · ${d.settings.schedule ?? 'no schedule'}`
          : 'Disabled: not backed up'
        : 'Not looked up yet'
    return { id: d.key, label: `${d.account}/${d.subjectName}`, detail, status }
  })
}

export interface CustomersServiceOptions {
  connections: ConnectionStore
  sessions: Pick<ProviderSessions, 'cloutility' | 'cloudally'>
  trackedDefinitions: (connectionId: string) => Promise<TrackedDefinition[]>
  store: SnapshotStore
  tracker: OfflineTracker
  /** Index what a refresh learned (node names) for search. */
  onSnapshot?: (connectionId: string, channel: string, input: unknown, value: unknown) => void
  logger?: Logger
  now?: () => number
}

export class CustomersService {
  private readonly last = new Map<string, { status: Health; checkedAt: string }>()
  private readonly logger: Logger
  private readonly now: () => number

  constructor(private readonly options: CustomersServiceOptions) {
    this.logger = (options.logger ?? silentLogger).child('customers')
    this.now = options.now ?? (() => Date.now())
  }

  list(): CustomerListItem[] {
    const groups = new Map<string, ConnectionSummary[]>()
    for (const c of this.options.connections.list()) groups.set(c.customer, [...(groups.get(c.customer) ?? []), c])
    return [...groups.entries()]
      .map(([name, cs]) => {
        const last = this.last.get(name)
        return {
          name,
          connectionCount: cs.length,
          providers: [...new Set(cs.map((c) => c.provider))],
          demo: cs.every((c) => c.demo),
          status: last?.status ?? null,
          ...(last ? { checkedAt: last.checkedAt } : {})
        }
      })
      .sort((a, b) => (a.name === '' ? 1 : b.name === '' ? -1 : a.name.localeCompare(b.name)))
  }

  async get(name: string, refresh: boolean): Promise<CustomerPage> {
    const connections = this.options.connections.list().filter((c) => c.customer === name)
    if (!connections.length) throw new AppError('NOT_FOUND', name ? `No connection has the customer “${name}”.` : 'Every connection has a customer.')
    const parts = await Promise.all(connections.map((c) => this.part(c, refresh)))
    const page: CustomerPage = {
      name,
      status: worstHealth(parts.map((p) => p.status)),
      parts,
      checkedAt: new Date(this.now()).toISOString()
    }
    this.last.set(name, { status: page.status, checkedAt: page.checkedAt })
    return page
  }

  private async part(c: ConnectionSummary, refresh: boolean): Promise<CustomerPart> {
    const base = { connectionId: c.id, connectionName: c.name, provider: c.provider, demo: c.demo }
    const itemKind = c.provider === 'cloutility' ? 'Business units' : c.provider === 'cloudally' ? (c.mode === 'user' ? 'Backup tasks' : 'Accounts') : 'Definitions'
    if (c.provider === 'cloudback') {
      // Tracked definitions are Backdesk's own list with their last known settings: no call needed.
      const defs = await this.options.trackedDefinitions(c.id)
      const items = cloudbackItems(defs)
      const checked = defs.map((d) => d.lastCheckedAt).filter((v): v is string => !!v).sort()
      const asOf = checked[checked.length - 1]
      return { ...base, itemKind, items, status: items.length ? worstHealth(items.map((i) => i.status)) : 'unknown', source: 'live', ...(asOf ? { asOf } : {}) }
    }
    if (refresh) {
      try {
        const fresh = await this.refreshPart(c)
        const part: CustomerPart = { ...base, itemKind, ...fresh, source: 'live', asOf: new Date(this.now()).toISOString() }
        this.options.tracker.markOnline(c.id)
        await this.keep(c.id, CUSTOMERS_PART_CHANNEL, part)
        return part
      } catch (err) {
        const message = err instanceof AppError ? err.message : 'The provider could not be read.'
        if (!(err instanceof AppError) || err.code === 'INTERNAL') this.logger.warn('customer part failed', { connectionId: c.id, err })
        const snap = await this.snapshot(c.id)
        if (isUnreachable(err)) this.options.tracker.markOffline(c.id, message, snap?.at)
        if (snap) return { ...snap.value, ...base, source: 'snapshot', asOf: new Date(snap.at).toISOString(), error: message }
        return { ...base, itemKind, items: [], status: 'unknown', source: 'none', error: message }
      }
    }
    const snap = await this.snapshot(c.id)
    if (snap) return { ...snap.value, ...base, source: 'snapshot', asOf: new Date(snap.at).toISOString() }
    return { ...base, itemKind, items: [], status: 'unknown', source: 'none' }
  }

  private async snapshot(connectionId: string) {
    try {
      return await this.options.store.get<CustomerPart>(connectionId, CUSTOMERS_PART_CHANNEL, {})
    } catch {
      return null
    }
  }

  private async keep(connectionId: string, channel: string, value: unknown): Promise<void> {
    try {
      await this.options.store.put(connectionId, channel, {}, value)
    } catch (err) {
      this.logger.warn('customer part not kept', { code: (err as { code?: string }).code })
    }
    this.options.onSnapshot?.(connectionId, channel, {}, value)
  }

  private async refreshPart(c: ConnectionSummary): Promise<Pick<CustomerPart, 'items' | 'status'>> {
    const finish = (items: CustomerItem[]) => ({
      items: [...items].sort((a, b) => rank(a.status) - rank(b.status) || a.label.localeCompare(b.label)).slice(0, ITEM_LIMIT),
      status: items.length ? worstHealth(items.map((i) => i.status)) : ('unknown' as Health)
    })
    if (c.provider === 'cloutility') {
      const client = await this.options.sessions.cloutility(c.id)
      const me = await client.me()
      const report = await client.businessUnitStatusReport(me.businessUnit.id)
      const { items, nodes } = cloutilityItems(report)
      await this.keep(c.id, CUSTOMERS_NODES_CHANNEL, nodes)
      return finish(items)
    }
    const client = await this.options.sessions.cloudally(c.id)
    if (c.mode === 'user') return finish(cloudAllyTaskItems(await client.backupTasks()))
    const [tasks, status] = await Promise.all([client.tasks(), client.status()])
    return finish(cloudAllyAccountItems(tasks, status))
  }
}

function rank(h: Health): number {
  return ['error', 'warning', 'unknown', 'ok'].indexOf(h)
}

export function createCustomersHandlers(service: CustomersService): Pick<HandlerMap, 'customers.list' | 'customers.get'> {
  return {
    'customers.list': () => service.list(),
    'customers.get': ({ name, refresh }) => service.get(name, refresh)
  }
}
