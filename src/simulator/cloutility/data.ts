import { CLIENT_OPTION_SETS, DOMAINS, OPERATING_SYSTEMS, TIME_ZONES } from './catalog'
import { DAY_MS, Rng, dayNumber, hash32 } from '../random'

// The in-memory Cloutility model. Business units, consumers (consumption units), nodes, users and
// API apps are materialised; jobs, filespaces and reports are derived on demand from
// (seed, node id, day) by jobs.ts so that 50,000 nodes stay cheap.

export type BuLevel = 'system' | 'provider' | 'reseller' | 'customer' | 'department'
/** How a node behaves over the 90 days of history. */
export type HealthProfile = 'healthy' | 'warnings' | 'failing' | 'missed' | 'new'

export interface BusinessUnitRecord {
  id: number
  parentId: number | null
  name: string
  level: BuLevel
  systemId: string
  registrationNumber: string
  timeZoneId: number
  createdMs: number
  invoiceDay: number
  hasContract: boolean
  note?: string
  tags: string[]
  childIds: number[]
  consumerIds: number[]
  userIds: number[]
  /** Fields written by PUT that the simulator does not model otherwise, echoed back. */
  extra: Record<string, unknown>
}

export interface NodeRecord {
  id: number
  createdMs: number
  osId: number
  typeId: number
  domainId: number
  clientOptionSetId: number
  cpuCount: number
  contact: string
  tsmName: string
  tsmPassword: string
  tsmNodeId: number | null
  activatedMs: number | null
  locked: boolean
  /** Minutes after midnight UTC when the daily backup schedule starts. */
  scheduleMinute: number
  proxyAgentIds: number[] // consumer ids allowed to act for this node
  proxyTargetIds: number[] // consumer ids this node may act for
  /** Proposed SP name handed out by node/spname. */
  proposedName?: string
}

export interface ConsumerRecord {
  id: number
  buId: number
  name: string
  createdMs: number
  billingStartMs: number
  note: string
  externalReference: string
  limitHighStorage: number
  allowNoActivity: boolean
  profile: HealthProfile
  /** Day number when a failing/missed profile turned bad. */
  troubleSinceDay: number
  /** Stored megabytes on the first day of history, and daily growth factor. */
  baseMegaBytes: number
  dailyGrowth: number
  node: NodeRecord | null
}

export interface UserRecord {
  id: number
  buId: number
  username: string
  name: string
  email: string
  password: string
  roleName: string
  createdMs: number
}

export interface ApiApp {
  clientId: string
  name: string
  origin: string
  allowRefresh: boolean
  buId: number
}

export interface AuditEntry {
  id: number
  typeCode: number
  message: string
  buId: number
  consumerId: number | null
  userName: string
  createdMs: number
}

export interface InvoiceFileRecord {
  id: number
  buId: number
  fileName: string
  erpReference: string
  sendToBillingAddress: boolean
  sizeBytes: number
  createdMs: number
}

export interface CloutilityData {
  seed: number
  /** Day number (UTC) the history is anchored to: data start time. Jobs go back 90 days from it. */
  anchorDay: number
  anchorMs: number
  businessUnits: Map<number, BusinessUnitRecord>
  consumers: Map<number, ConsumerRecord>
  users: Map<number, UserRecord>
  apps: ApiApp[]
  audit: AuditEntry[]
  invoiceFiles: InvoiceFileRecord[]
  /** tsmName (upper case) → consumer id, to enforce unique SP names. */
  tsmNames: Map<string, number>
  nextIds: { bu: number; consumer: number; node: number; user: number; audit: number; invoiceFile: number; tsmNodeId: number }
  homeBusinessUnitId: number
  subUnitBusinessUnitId: number
  otherProviderBusinessUnitId: number
  /**
   * Bumped by every API call that may change data (every write but the login), so that stored
   * documents (the latest status reports) are rebuilt. Code that edits the maps directly bumps it too.
   */
  revision: number
}

export interface CloutilityDemoCredentials {
  clientId: string
  origin: string
  username: string
  password: string
  /** An API app on the same business unit registered WITHOUT refresh tokens allowed. */
  clientIdNoRefresh: string
  originNoRefresh: string
  homeBusinessUnitId: number
  /** An API app and user registered on a customer business unit below home (for subtree tests). */
  subUnit: { clientId: string; origin: string; username: string; password: string; homeBusinessUnitId: number }
  /** A business unit outside every demo app's subtree (for 403 tests). */
  outsideBusinessUnitId: number
}

export const HISTORY_DAYS = 90

const COMPANY_WORDS = ['Nordic', 'Alpine', 'Baltic', 'Coastal', 'Granite', 'Harbor', 'Lumen', 'Meridian', 'Northwind', 'Oak', 'Polar', 'Quarry', 'River', 'Summit', 'Tundra', 'Vista', 'Willow', 'Zenith', 'Aurora', 'Birch', 'Cedar', 'Delta', 'Fjord', 'Glacier']
const COMPANY_KINDS = ['Logistics', 'Dental', 'Architects', 'Bygg', 'Consulting', 'Foods', 'Legal', 'Health', 'Media', 'Retail', 'Engineering', 'Finance', 'Energy', 'Labs', 'Transport', 'School']
const COMPANY_SUFFIX = ['AB', 'AS', 'Oy', 'ApS', 'GmbH', 'Ltd', 'BV']
const DEPARTMENTS = ['Finance', 'HR', 'Sales', 'Engineering', 'Operations', 'Marketing', 'Support', 'Research', 'IT', 'Legal']
const RESELLER_WORDS = ['IT Partner', 'Managed Services', 'Cloud Solutions', 'Data Care', 'Systemhus']
const HOST_ROLES: Record<number, string[]> = { 1: ['FS', 'FILE', 'NAS'], 2: ['WS', 'LT', 'PC'], 3: ['SQL', 'APP', 'EXCH', 'WEB'] }

export const DEMO_PASSWORD = 'Demo-Passw0rd!'

export interface CloutilitySizing {
  businessUnits: number
  nodes: number
}

function shortCode(name: string): string {
  const letters = name.replace(/[^A-Za-z]/g, '').toUpperCase()
  return letters.slice(0, 4) || 'CUST'
}

export function generateCloutility(seed: number, sizing: CloutilitySizing, nowMs: number): CloutilityData {
  const rng = new Rng(seed)
  const anchorDay = dayNumber(nowMs)
  const data: CloutilityData = {
    seed,
    anchorDay,
    anchorMs: nowMs,
    revision: 0,
    businessUnits: new Map(),
    consumers: new Map(),
    users: new Map(),
    apps: [],
    audit: [],
    invoiceFiles: [],
    tsmNames: new Map(),
    nextIds: { bu: 1, consumer: 1001, node: 50001, user: 1, audit: 1, invoiceFile: 1, tsmNodeId: 70001 },
    homeBusinessUnitId: 2,
    subUnitBusinessUnitId: 0,
    otherProviderBusinessUnitId: 3
  }
  const dayMs = (daysAgo: number, minuteOfDay = 0) => (anchorDay - daysAgo) * DAY_MS + minuteOfDay * 60_000

  const addBu = (parentId: number | null, name: string, level: BuLevel, daysAgo: number): BusinessUnitRecord => {
    const id = data.nextIds.bu++
    const bu: BusinessUnitRecord = {
      id,
      parentId,
      name,
      level,
      systemId: rng.guid(),
      registrationNumber: level === 'department' || level === 'system' ? '' : `SE55${rng.token(8, '0123456789')}01`,
      timeZoneId: rng.chance(0.8) ? 4 : rng.pick(TIME_ZONES).id,
      createdMs: dayMs(daysAgo, rng.int(0, 1439)),
      invoiceDay: level === 'customer' && rng.chance(0.2) ? rng.int(1, 28) : 0,
      hasContract: level === 'provider' || level === 'reseller' || (level === 'customer' && rng.chance(0.6)),
      tags: level === 'customer' && rng.chance(0.3) ? [rng.pick(['Gold', 'Silver', 'Bronze', 'Trial'])] : [],
      childIds: [],
      consumerIds: [],
      userIds: [],
      extra: {}
    }
    data.businessUnits.set(id, bu)
    if (parentId !== null) data.businessUnits.get(parentId)?.childIds.push(id)
    return bu
  }
  const addUser = (buId: number, username: string, name: string, password: string, roleName: string): UserRecord => {
    const user: UserRecord = { id: data.nextIds.user++, buId, username, name, email: username, password, roleName, createdMs: dayMs(rng.int(100, 900)) }
    data.users.set(user.id, user)
    data.businessUnits.get(buId)?.userIds.push(user.id)
    return user
  }

  // Fixed top: a system root nobody's demo app can reach, the demo provider (home) and a sibling
  // provider that is outside the home subtree.
  const system = addBu(null, 'Cloutility', 'system', 1500)
  const home = addBu(system.id, 'Backdesk Demo Provider', 'provider', 1400)
  const other = addBu(system.id, 'Other Provider AB', 'provider', 1300)
  home.note = 'Demo provider business unit (simulator)'

  const total = Math.max(6, sizing.businessUnits)
  const remaining = total - 3
  const resellerCount = Math.max(1, Math.round(remaining * 0.1))
  const customerCount = Math.max(1, Math.round(remaining * 0.45))
  const departmentCount = Math.max(0, remaining - resellerCount - customerCount)

  const usedNames = new Set<string>()
  const uniqueName = (make: () => string): string => {
    for (let i = 0; i < 5; i++) {
      const n = make()
      if (!usedNames.has(n)) {
        usedNames.add(n)
        return n
      }
    }
    const n = `${make()} ${data.nextIds.bu}`
    usedNames.add(n)
    return n
  }

  const resellers: BusinessUnitRecord[] = []
  for (let i = 0; i < resellerCount; i++) {
    resellers.push(addBu(home.id, uniqueName(() => `${rng.pick(COMPANY_WORDS)} ${rng.pick(RESELLER_WORDS)}`), 'reseller', rng.int(700, 1300)))
  }
  const customers: BusinessUnitRecord[] = []
  for (let i = 0; i < customerCount; i++) {
    const parent = rng.chance(0.15) ? home : rng.pick(resellers)
    customers.push(addBu(parent.id, uniqueName(() => `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)} ${rng.pick(COMPANY_SUFFIX)}`), 'customer', rng.int(200, 1100)))
  }
  const departments: BusinessUnitRecord[] = []
  for (let i = 0; i < departmentCount; i++) {
    const parent = rng.pick(customers)
    const taken = new Set(parent.childIds.map((id) => data.businessUnits.get(id)?.name))
    let name = rng.pick(DEPARTMENTS)
    if (taken.has(name)) name = `${name} ${parent.childIds.length + 1}`
    departments.push(addBu(parent.id, name, 'department', rng.int(100, 900)))
  }
  data.subUnitBusinessUnitId = (customers[0] as BusinessUnitRecord).id

  // Users: the demo technician on the home BU, a customer admin on the sub-unit, a few others.
  addUser(home.id, 'technician@backdesk.example', 'Demo Technician', DEMO_PASSWORD, 'Administrator')
  addUser(data.subUnitBusinessUnitId, 'admin@customer.example', 'Customer Admin', DEMO_PASSWORD, 'Administrator')
  addUser(other.id, 'admin@other-provider.example', 'Other Admin', `x-${rng.token(12)}`, 'Administrator')
  for (const bu of [...resellers, ...customers.slice(0, 200)]) {
    const n = rng.int(0, 2)
    for (let i = 0; i < n; i++) {
      const first = rng.pick(['anna', 'erik', 'lars', 'maria', 'johan', 'sara', 'karin', 'nils', 'emma', 'oskar'])
      addUser(bu.id, `${first}.${bu.id}.${i}@${shortCode(bu.name).toLowerCase()}.example`, first[0]?.toUpperCase() + first.slice(1), `x-${rng.token(12)}`, rng.pick(['Administrator', 'Operator', 'Viewer']))
    }
  }

  // API apps (registered per business unit, provider-apis.md §1.3).
  data.apps.push({ clientId: rng.guid(), name: 'Backdesk', origin: 'https://backdesk.example', allowRefresh: true, buId: home.id })
  data.apps.push({ clientId: rng.guid(), name: 'Backdesk (no refresh)', origin: 'https://backdesk.example', allowRefresh: false, buId: home.id })
  data.apps.push({ clientId: rng.guid(), name: 'Customer portal', origin: 'https://customer.example', allowRefresh: true, buId: data.subUnitBusinessUnitId })
  data.apps.push({ clientId: rng.guid(), name: 'Other provider tool', origin: 'https://other-provider.example', allowRefresh: true, buId: other.id })

  // Consumers + nodes: most under customers and departments, ~2 % on the other provider.
  const holders = [...customers, ...customers, ...departments]
  const nodeCount = Math.max(1, sizing.nodes)
  const otherCount = Math.max(1, Math.round(nodeCount * 0.02))
  for (let i = 0; i < nodeCount; i++) {
    const bu = i < otherCount ? other : rng.pick(holders)
    addGeneratedConsumer(data, rng, bu, dayMs)
  }
  return data
}

function addGeneratedConsumer(data: CloutilityData, rng: Rng, bu: BusinessUnitRecord, dayMs: (daysAgo: number, minute?: number) => number): void {
  const id = data.nextIds.consumer++
  const roll = rng.next()
  const profile: HealthProfile = roll < 0.7 ? 'healthy' : roll < 0.82 ? 'warnings' : roll < 0.9 ? 'failing' : roll < 0.96 ? 'missed' : 'new'
  const createdDaysAgo = profile === 'new' ? rng.int(0, 5) : rng.chance(0.15) ? rng.int(10, 89) : rng.int(90, 1000)
  const createdMs = dayMs(createdDaysAgo, rng.int(420, 1020))
  const osRoll = rng.next()
  const osId = osRoll < 0.5 ? 2 : osRoll < 0.88 ? 3 : 4
  const os = OPERATING_SYSTEMS.find((o) => o.id === osId) ?? OPERATING_SYSTEMS[0]
  const typeId = rng.pick(os.nodeTypeIds)
  const company = bu.level === 'department' ? (data.businessUnits.get(bu.parentId ?? 0)?.name ?? bu.name) : bu.name
  const role = rng.pick(HOST_ROLES[typeId] ?? ['SRV'])
  const hostName = `${shortCode(company)}-${role}${String(rng.int(1, 99)).padStart(2, '0')}-${id}`
  const activated = profile !== 'new' || rng.chance(0.3)
  const consumer: ConsumerRecord = {
    id,
    buId: bu.id,
    name: hostName.toLowerCase(),
    createdMs,
    billingStartMs: createdMs - (createdMs % DAY_MS),
    note: rng.chance(0.2) ? rng.pick(['Primary file server', "CEO's laptop", 'Build machine', 'ERP database', 'Scanner share']) : '',
    externalReference: rng.chance(0.3) ? `ERP-${rng.int(10000, 99999)}` : '',
    limitHighStorage: rng.pick([0, 0, 0, 250, 500, 1000]),
    allowNoActivity: rng.chance(0.05),
    profile,
    troubleSinceDay: data.anchorDay - (profile === 'failing' ? rng.int(1, 6) : profile === 'missed' ? rng.int(3, 30) : 0),
    baseMegaBytes: Math.round(Math.exp(rng.next() * 7 + 7)), // ~1 GB .. ~1.2 TB
    dailyGrowth: 0.0005 + rng.next() * 0.004,
    node: {
      id: data.nextIds.node++,
      createdMs,
      osId,
      typeId,
      domainId: rng.chance(0.7) ? 1 : rng.pick(DOMAINS).id,
      clientOptionSetId: rng.chance(0.8) ? 2 : rng.pick(CLIENT_OPTION_SETS).id,
      cpuCount: typeId === 2 ? rng.pick([2, 4, 8]) : rng.pick([2, 4, 8, 16, 32]),
      contact: rng.chance(0.5) ? `it@${shortCode(company).toLowerCase()}.example` : '',
      tsmName: '',
      tsmPassword: '',
      tsmNodeId: null,
      activatedMs: null,
      locked: false,
      scheduleMinute: (18 * 60 + rng.int(0, 9 * 60)) % 1440,
      proxyAgentIds: [],
      proxyTargetIds: []
    }
  }
  if (profile === 'new' && rng.chance(0.5)) consumer.node = null
  if (consumer.node && activated) {
    const node = consumer.node
    node.tsmName = hostName.toUpperCase()
    node.tsmPassword = rng.token(16, 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789')
    node.tsmNodeId = data.nextIds.tsmNodeId++
    node.activatedMs = createdMs + 3_600_000
    node.locked = profile === 'failing' && rng.chance(0.15)
    data.tsmNames.set(node.tsmName, id)
  }
  data.consumers.set(id, consumer)
  bu.consumerIds.push(id)

  // Proxy relations: sometimes an activated node is an agent for a sibling (restore tests, §2).
  if (consumer.node?.activatedMs && rng.chance(0.08)) {
    const sibling = bu.consumerIds.map((cid) => data.consumers.get(cid)).find((c) => c && c.id !== id && c.node?.activatedMs)
    if (sibling?.node && consumer.node) {
      sibling.node.proxyAgentIds.push(id)
      consumer.node.proxyTargetIds.push(sibling.id)
    }
  }
}

/** Stable "random" numbers for a consumer that are not stored (filespace layout etc.). */
export function consumerHash(data: CloutilityData, consumerId: number, ...parts: Array<string | number>): number {
  return hash32(data.seed, 'c', consumerId, ...parts)
}

