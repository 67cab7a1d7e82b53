import { DAY_MS, HOUR_MS, Rng, hash32, iso } from '../random'

// CloudAlly partner data: one partner, its resellers, the customer accounts ("users") under them
// and a backup task per account and source. The upper-case vocabulary (GMAIL, SHAREPOINT_MULTI,
// ACTIVE, US_EST …) follows real client code (provider-apis.md §4.3); the seed's lower-case
// enums only appear on /v1/backup-tasks, which must validate against seed 003's schema.

/** Source codes. GMAIL and SHAREPOINT_MULTI are attested; the rest follow the same style. */
export const SOURCES = ['MS365', 'ONEDRIVE', 'SHAREPOINT_MULTI', 'MS365_GROUPS', 'MS_TEAMS', 'GMAIL', 'GDRIVE', 'GACCOUNT', 'SALESFORCE', 'BOX', 'DROPBOX'] as const
export type Source = (typeof SOURCES)[number]

/** Seed 003 `type` enum for each source. */
export const SEED_TYPE: Record<Source, 'MS365' | 'GOOGLE_WORKSPACE' | 'SALESFORCE' | 'BOX' | 'DROPBOX' | 'SHAREPOINT' | 'ONEDRIVE'> = {
  MS365: 'MS365',
  ONEDRIVE: 'ONEDRIVE',
  SHAREPOINT_MULTI: 'SHAREPOINT',
  MS365_GROUPS: 'MS365',
  MS_TEAMS: 'MS365',
  GMAIL: 'GOOGLE_WORKSPACE',
  GDRIVE: 'GOOGLE_WORKSPACE',
  GACCOUNT: 'GOOGLE_WORKSPACE',
  SALESFORCE: 'SALESFORCE',
  BOX: 'BOX',
  DROPBOX: 'DROPBOX'
}

const SUITES: Source[][] = [
  ['MS365', 'ONEDRIVE', 'SHAREPOINT_MULTI', 'MS365_GROUPS', 'MS_TEAMS'],
  ['GMAIL', 'GDRIVE', 'GACCOUNT'],
  ['SALESFORCE'],
  ['BOX'],
  ['DROPBOX']
]

export const REGIONS = ['US_EST', 'EU_FRANKFURT', 'UK_LONDON', 'AU_SYDNEY', 'CA_CENTRAL'] as const

export type TaskStatus = 'ACTIVE' | 'PAUSED' | 'ARCHIVED'
export type BackupOutcome = 'SUCCESS' | 'FAILED' | 'IN_PROGRESS' | 'NEVER'

export interface Partner {
  partnerId: string
  email: string
  password: string
  contactName: string
  discount: number
  phone: string
  currency: string
  address: string
  region: string
}

export interface Reseller {
  id: string
  name: string
  email: string
  status: 'ACTIVE' | 'SUSPENDED'
  region: string
  discount: number
  currency: string
  createDate: string
}

export interface AccountUser {
  id: string
  resellerId: string | null
  name: string
  email: string
  password: string
  status: 'ACTIVE' | 'SUSPENDED' | 'TRIAL'
  createdMs: number
  dailyReport: boolean
  region: string
  discount: number
  currency: string
  domain: string
  customStorage: { type: string } | null
}

export interface BackupTask {
  id: string
  userId: string
  source: Source
  account: string
  alias: string
  status: TaskStatus
  region: string
  createdMs: number
  lastBackupMs: number | null
  lastAttemptMs: number | null
  outcome: BackupOutcome
  error: string | null
  sizeBytes: number
  numOfEntities: number
  frequency: 'daily' | 'every_3_hours' | 'manual'
  timezone: string
}

export interface RestoreJob {
  jobId: string
  taskId: string
  ownerUserId: string | null // null = requested by the partner
  type: 'RESTORE' | 'DOWNLOAD'
  snapshotDate: string
  entities: string[]
  items: string[]
  createdMs: number
  durationMs: number
  fails: boolean
  downloadToken: string
}

export interface CloudAllyData {
  clientId: string
  clientSecret: string
  partner: Partner
  resellers: Reseller[]
  users: AccountUser[]
  tasks: BackupTask[]
  restores: Map<string, RestoreJob>
  anchorMs: number
}

export interface CloudAllyDemoCredentials {
  clientId: string
  clientSecret: string
  partnerEmail: string
  partnerPassword: string
  portalEmail: string
  portalPassword: string
}

export const PARTNER_PASSWORD = 'Partner-Passw0rd!'
export const PORTAL_PASSWORD = 'Portal-Passw0rd!'

const ORG_WORDS = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Woodgrove', 'Litware', 'Adatum', 'Proseware', 'Wingtip', 'Lucerne', 'Margie', 'Trey', 'Coho', 'Humongous', 'Alpine', 'Relecloud']
const TIMEZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Europe/London', 'Australia/Sydney']
const ERRORS = ['Authentication token revoked by the source service', 'Mailbox quota exceeded during export', 'Source API rate limit (throttled)', 'Site not found']

export function generateCloudAlly(seed: number, nodes: number, nowMs: number): CloudAllyData {
  const rng = new Rng(seed * 13 + 5)
  const resellerCount = Math.max(2, Math.min(25, Math.round(nodes / 400) + 2))
  const userCount = Math.max(6, Math.min(2500, Math.round(nodes / 20)))
  const partner: Partner = {
    partnerId: 'BKDK0001',
    email: 'partner@backdesk.example',
    password: PARTNER_PASSWORD,
    contactName: 'Demo Partner',
    discount: 20,
    phone: '+1 555 0100',
    currency: 'USD',
    address: '1 Demo Street, Springfield',
    region: 'US_EST'
  }
  const resellers: Reseller[] = []
  for (let i = 0; i < resellerCount; i++) {
    const name = `${rng.pick(ORG_WORDS)} ${rng.pick(['IT', 'Cloud', 'Systems', 'Tech'])} ${i + 1}`
    resellers.push({
      id: `R${String(1000 + i)}`,
      name,
      email: `billing@reseller${i + 1}.example`,
      status: rng.chance(0.9) ? 'ACTIVE' : 'SUSPENDED',
      region: rng.pick(REGIONS),
      discount: rng.pick([0, 5, 10, 15]),
      currency: rng.chance(0.7) ? 'USD' : 'EUR',
      createDate: iso(nowMs - rng.int(200, 1500) * DAY_MS)
    })
  }
  const users: AccountUser[] = []
  const tasks: BackupTask[] = []
  const usedSuites = new Set<number>()
  for (let i = 0; i < userCount; i++) {
    const word = rng.pick(ORG_WORDS)
    // The first account is the portal user's, northwind.example: named for it, so the demo's
    // Northwind customer finds its own tasks by name as well as by address.
    const org = i === 0 ? 'Northwind' : `${word}${i + 1}`
    const domain = `${org.toLowerCase()}.example`
    const reseller = rng.chance(0.85) ? rng.pick(resellers) : null
    const user: AccountUser = {
      id: `U${String(100000 + i)}`,
      resellerId: reseller?.id ?? null,
      name: `${org} Inc.`,
      email: i === 0 ? 'it-admin@northwind.example' : `admin@${domain}`,
      password: i === 0 ? PORTAL_PASSWORD : `x-${rng.token(12)}`,
      status: rng.chance(0.9) ? 'ACTIVE' : rng.chance(0.5) ? 'TRIAL' : 'SUSPENDED',
      createdMs: nowMs - rng.int(30, 1200) * DAY_MS,
      dailyReport: rng.chance(0.6),
      region: reseller?.region ?? rng.pick(REGIONS),
      discount: rng.pick([0, 0, 5, 10]),
      currency: reseller?.currency ?? 'USD',
      domain: i === 0 ? 'northwind.example' : domain,
      customStorage: rng.chance(0.1) ? { type: 'S3' } : null
    }
    users.push(user)
    // Every suite appears at least once, so every source has tasks.
    const suiteIndex = i < SUITES.length ? i : rng.chance(0.55) ? 0 : rng.chance(0.6) ? 1 : rng.int(2, SUITES.length - 1)
    usedSuites.add(suiteIndex)
    const suite = i === 0 ? [...(SUITES[0] ?? []), 'GMAIL' as Source] : (SUITES[suiteIndex] ?? [])
    for (const source of suite) {
      const createdMs = user.createdMs + rng.int(0, 20) * DAY_MS
      const statusRoll = rng.next()
      const status: TaskStatus = statusRoll < 0.88 ? 'ACTIVE' : statusRoll < 0.95 ? 'PAUSED' : 'ARCHIVED'
      const outcomeRoll = rng.next()
      const drawn: BackupOutcome = createdMs > nowMs - DAY_MS ? 'NEVER' : outcomeRoll < 0.85 ? 'SUCCESS' : outcomeRoll < 0.95 ? 'FAILED' : 'IN_PROGRESS'
      // A paused or archived task runs nothing: its last attempt is from before it stopped, days
      // ago, and none is under way (the draws stay the same, so the rest of the data does not move).
      const stopped = status !== 'ACTIVE'
      const outcome: BackupOutcome = stopped && drawn === 'IN_PROGRESS' ? 'SUCCESS' : drawn
      const stoppedForMs = stopped ? (3 + (hash32(seed, 'stopped', tasks.length) % 40)) * DAY_MS : 0
      const attemptMs = drawn === 'NEVER' ? null : nowMs - rng.int(1, 30) * HOUR_MS
      const lastAttemptMs = attemptMs === null ? null : stopped ? Math.max(attemptMs - stoppedForMs, createdMs) : attemptMs
      const backupGapMs = drawn === 'NEVER' || drawn === 'SUCCESS' ? 0 : rng.int(1, 10) * DAY_MS
      const lastBackupMs = lastAttemptMs === null ? null : outcome === 'SUCCESS' ? lastAttemptMs : lastAttemptMs - backupGapMs
      const entities = source === 'SALESFORCE' || source === 'BOX' || source === 'DROPBOX' ? 1 : rng.int(3, 400)
      tasks.push({
        id: `T${String(tasks.length + 1).padStart(6, '0')}`,
        userId: user.id,
        source,
        account: source.startsWith('SHAREPOINT') ? `https://${org.toLowerCase()}.sharepoint.com` : user.domain,
        alias: `${org} ${source}`,
        status,
        region: user.region,
        createdMs,
        lastBackupMs,
        lastAttemptMs,
        outcome,
        error: outcome === 'FAILED' ? rng.pick(ERRORS) : null,
        sizeBytes: Math.round(Math.exp(rng.next() * 9 + 18)),
        numOfEntities: entities,
        frequency: status === 'PAUSED' ? 'manual' : rng.chance(0.85) ? 'daily' : 'every_3_hours',
        timezone: rng.pick(TIMEZONES)
      })
    }
  }
  return {
    clientId: `ca-${rng.token(24, '0123456789abcdef')}`,
    clientSecret: rng.token(40, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
    partner,
    resellers,
    users,
    tasks,
    restores: new Map(),
    anchorMs: nowMs
  }
}

/**
 * Strict mode: ids as the live service shows them (GUIDs, as real clients see them) instead of the
 * readable R1000 / U100000 / T000001. Derived from the seed and the readable id, so they are
 * stable; every reference (a user's reseller, a task's user) follows.
 */
export function useGuidIds(data: CloudAllyData, seed: number): void {
  const guid = (kind: string, id: string) => new Rng(hash32(seed, kind, id)).guid()
  const resellerIds = new Map(data.resellers.map((r) => [r.id, guid('reseller', r.id)]))
  const userIds = new Map(data.users.map((u) => [u.id, guid('user', u.id)]))
  for (const r of data.resellers) r.id = resellerIds.get(r.id) as string
  for (const u of data.users) {
    u.id = userIds.get(u.id) as string
    if (u.resellerId !== null) u.resellerId = resellerIds.get(u.resellerId) ?? u.resellerId
  }
  for (const t of data.tasks) {
    t.id = guid('task', t.id)
    t.userId = userIds.get(t.userId) ?? t.userId
  }
}
