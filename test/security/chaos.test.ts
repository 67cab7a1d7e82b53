// Chaos: every public operation of the three provider clients runs under every simulator fault.
//
// The matrix is OPERATIONS (rows, one test each) × FAULTS (columns). Each cell gets its own
// simulator and its own client (a simulator starts in about a millisecond), so cells are
// independent and run side by side; the fault is armed after login and after the cell's own
// preparation, so it lands on the operation's request (or on the request named by `faultOn`).
//
// Every cell must:
//   1. end by the client's deadline: where the fault never answers in time, the call ends when its
//      deadline comes and says so. The clients' deadlines run on a clock the test moves (once the
//      faulted request is at the server), so no cell ends early, late or by a TIMEOUT because the
//      machine is slow;
//   2. end with either a correct result (for reads: equal to the fault-free answer) or a clear
//      AppError: a code from the shared union that fits the fault, a short message with no stack
//      trace, no raw body, no HTML and no secret (nor anything secret in `toInfo()`, which is
//      what crosses IPC);
//   3. never send a non-idempotent POST twice (token endpoints and Cloudback's documented
//      idempotent definition calls excepted; a POST refused with 401 before the server did
//      anything and re-sent after a re-login is not a duplicate);
//   4. leave the client working: with the fault cleared, more calls than the concurrency limit
//      succeed at once (a leaked connection slot after a hang would block them), and a read gives
//      the fault-free answer again.
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../src/main/core/log/logger'
import { memorySink } from '../support/memory-sink'
import { SecretRegistry } from '../../src/main/core/log/redact'
import { createCloudAllyClient, type CloudAllyClient } from '../../src/main/core/providers/cloudally/client'
import { createCloudbackClient, type CloudbackClient } from '../../src/main/core/providers/cloudback/client'
import { createCloutilityClient, type CloutilityClient } from '../../src/main/core/providers/cloutility/client'
import { AppError, ERROR_CODES, type ErrorCode } from '../../src/shared/errors'
import type { CloudbackSubject } from '../../src/shared/providers/cloudback/model'
import type { BackupNodeInput } from '../../src/shared/providers/cloutility/model'
import { FAULT_KINDS, type FaultRule, type ProviderName, type Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import type { RequestEvent, ResponseEvent } from '../../src/main/core/http/http-client'
import { ManualClock } from '../main/http/manual-clock'
import { until } from '../support/until'

/** The clients' overall deadline per call in this suite (on the cell's ManualClock). */
const DEADLINE_MS = 2000
/** How a deadline error reports it. */
const DEADLINE_SAID = /within 2 s\b/
const SEED = 9
/** Fixed clock for the simulator and the clients: answers are then comparable between cells. */
const NOW = Date.UTC(2026, 10, 2, 12, 0, 0)
const FAST_RETRY = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 }

// --- the columns ---------------------------------------------------------------------------

type FaultName = 'latency-short' | 'latency-long' | '429-long' | Exclude<(typeof FAULT_KINDS)[number], 'latency'>

interface FaultColumn {
  name: FaultName
  rule: Omit<FaultRule, 'provider' | 'method' | 'path'>
  /** Error codes that describe this fault; a correct result is always acceptable too, except where `mustFail`. */
  codes: ErrorCode[]
  /** The operation cannot succeed (its request never completes in time). */
  mustFail?: boolean
  /** The request may have reached the provider, but its answer is lost or unreadable. */
  answerLost?: boolean
  /** The faulted request never answers in time: the call can only end at its deadline. */
  endsAtDeadline?: boolean
}

const FAULTS: FaultColumn[] = [
  { name: 'latency-short', rule: { kind: 'latency', ms: 250, times: 1 }, codes: [] },
  // Answers ten minutes later, long after the deadline (the simulator drops it when it stops).
  { name: 'latency-long', rule: { kind: 'latency', ms: 600_000, times: 1 }, codes: ['TIMEOUT'], mustFail: true, answerLost: true, endsAtDeadline: true },
  // Retry-After 0: retried at once where that is safe. Retry-After longer than the deadline:
  // nothing to wait for, RATE_LIMITED at once.
  { name: '429', rule: { kind: '429', retryAfter: 0, times: 1 }, codes: ['RATE_LIMITED'] },
  { name: '429-long', rule: { kind: '429', retryAfter: 5, times: 1 }, codes: ['RATE_LIMITED'], mustFail: true },
  { name: '500', rule: { kind: '500', times: 1 }, codes: ['UPSTREAM'], answerLost: true },
  { name: '502', rule: { kind: '502', times: 1 }, codes: ['UPSTREAM'], answerLost: true },
  { name: '503', rule: { kind: '503', times: 1 }, codes: ['UPSTREAM'], answerLost: true },
  { name: 'reset', rule: { kind: 'reset', times: 1 }, codes: ['OFFLINE', 'UPSTREAM'], answerLost: true },
  { name: 'hang', rule: { kind: 'hang', times: 1 }, codes: ['TIMEOUT'], mustFail: true, answerLost: true, endsAtDeadline: true },
  { name: 'truncated', rule: { kind: 'truncated', times: 1 }, codes: ['UPSTREAM'], answerLost: true },
  { name: 'malformed', rule: { kind: 'malformed', times: 1 }, codes: ['UNREADABLE'], answerLost: true },
  { name: 'html', rule: { kind: 'html', times: 1 }, codes: ['UPSTREAM'], answerLost: true },
  // Cloutility and CloudAlly log in again; Cloudback has no token, so its key is refused once.
  { name: 'expire-token', rule: { kind: 'expire-token', times: 1 }, codes: ['AUTH_FAILED'] }
]

// The matrix must cover every fault kind the simulator offers.
const COVERED = new Set(FAULTS.map((f) => f.rule.kind))
const MISSING_KINDS = FAULT_KINDS.filter((k) => !COVERED.has(k))

// --- the cell context ------------------------------------------------------------------------

/** Remembers every value ever registered (tokens are dropped from the live registry on renewal). */
class RecordingSecrets extends SecretRegistry {
  readonly seen = new Set<string>()
  override add(value: string | undefined | null): void {
    if (value && value.length >= 4) this.seen.add(value)
    super.add(value)
  }
}

interface Ctx {
  sim: Simulator
  /** The clock every client's deadlines run on. */
  clock: ManualClock
  /** Requests sent and not yet ended, over every client of the cell (requestId#attempt). */
  inFlight: Set<string>
  secrets: RecordingSecrets
  cloutility: CloutilityClient
  cloudally: CloudAllyClient
  portal: CloudAllyClient
  cloudback: CloudbackClient
  ids: Ids
}

interface Ids {
  home: number
  /** A customer business unit with several activated nodes. */
  bu: number
  cid: number
  /** What a new node is created with (ids the simulator knows). */
  nodeInput: BackupNodeInput
  /** A business unit with a contract (invoices, billing). */
  billingBu: number
  resellerId: string
  taskId: string
  portalTaskId: string
  repo: CloudbackSubject
}

function findIds(sim: Simulator): Ids {
  const d = sim.cloutility.data
  const home = sim.cloutility.credentials.homeBusinessUnitId
  const inHome = (buId: number): boolean => {
    for (let b = d.businessUnits.get(buId); b; b = b.parentId === null ? undefined : d.businessUnits.get(b.parentId)) if (b.id === home) return true
    return false
  }
  const bu = [...d.businessUnits.values()].find(
    (b) => inHome(b.id) && b.userIds.length > 0 && b.consumerIds.filter((c) => d.consumers.get(c)?.node?.activatedMs).length >= 2
  )
  if (!bu) throw new Error('simulator data has no business unit with two activated nodes')
  const active = bu.consumerIds.filter((c) => d.consumers.get(c)?.node?.activatedMs)
  const node = d.consumers.get(active[0] as number)?.node
  const billingBu = [...d.businessUnits.values()].find((b) => b.id !== home && inHome(b.id) && b.hasContract)
  if (!node || !billingBu) throw new Error('simulator data has no node or no business unit with a contract')
  const ca = sim.cloudally.data
  const portalUser = ca.users.find((u) => (u as { email?: string }).email === sim.cloudally.credentials.portalEmail)
  const withSnapshot = (t: (typeof ca.tasks)[number]) => t.lastBackupMs !== null && t.status === 'ACTIVE'
  const task = ca.tasks.find(withSnapshot)
  const portalTask = ca.tasks.find((t) => t.userId === portalUser?.id && withSnapshot(t)) ?? ca.tasks.find((t) => t.userId === portalUser?.id)
  const reseller = ca.resellers[0]
  const repoName = sim.cloudback.data.knownRepos['backdesk-demo']?.[0]
  if (!task || !portalTask || !reseller || !repoName) throw new Error('simulator data lacks a CloudAlly task, reseller or Cloudback repository')
  return {
    home,
    bu: bu.id,
    cid: active[0] as number,
    nodeInput: { operatingSystemId: node.osId, typeId: node.typeId, domainId: node.domainId, clientOptionSetId: node.clientOptionSetId },
    billingBu: billingBu.id,
    resellerId: reseller.id,
    taskId: task.id,
    portalTaskId: portalTask.id,
    repo: { platform: 'GitHub', account: 'backdesk-demo', subjectName: repoName, subjectType: 'Repository' }
  }
}

async function openCell(): Promise<Ctx> {
  const sim = await startSimulator({ scale: 'tiny', seed: SEED, now: () => NOW })
  const secrets = new RecordingSecrets()
  const logger = createLogger({ sinks: [memorySink(200)], secrets, level: 'debug' })
  const clock = new ManualClock(NOW)
  const inFlight = new Set<string>()
  const onRequest = (e: RequestEvent) => void inFlight.add(`${e.requestId}#${e.attempt}`)
  const onResponse = (e: ResponseEvent) => void inFlight.delete(`${e.requestId}#${e.attempt}`)
  // One connection slot per client: a slot leaked by a faulted call would block every later call.
  const http = { deadlineMs: DEADLINE_MS, retry: FAST_RETRY, concurrency: 1, deadlineClock: clock, onRequest, onResponse }
  const u = sim.cloutility.credentials
  const a = sim.cloudally.credentials
  return {
    sim,
    clock,
    inFlight,
    secrets,
    ids: findIds(sim),
    cloutility: createCloutilityClient({
      baseUrl: sim.cloutility.url,
      clientId: u.clientId,
      origin: u.origin,
      username: u.username,
      password: u.password,
      logger,
      secrets,
      deadlineMs: DEADLINE_MS,
      retry: FAST_RETRY,
      concurrency: 1,
      deadlineClock: clock,
      onRequest,
      onResponse,
      now: () => NOW
    }),
    cloudally: createCloudAllyClient(
      { baseUrl: sim.cloudally.url, mode: 'partner', clientId: a.clientId, clientSecret: a.clientSecret, email: a.partnerEmail, password: a.partnerPassword },
      { logger, secrets, http, now: () => NOW }
    ),
    portal: createCloudAllyClient(
      { baseUrl: sim.cloudally.url, mode: 'user', clientId: a.clientId, clientSecret: a.clientSecret, email: a.portalEmail, password: a.portalPassword },
      { logger, secrets, http, now: () => NOW }
    ),
    cloudback: createCloudbackClient({ baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey }, { logger, secrets, http })
  }
}

async function closeCell(c: Ctx): Promise<void> {
  await Promise.allSettled([c.cloutility.destroy(), c.cloudally.close(), c.portal.close(), c.cloudback.close()])
  await c.sim.stop()
}

// --- the rows ----------------------------------------------------------------------------------

interface Operation {
  name: string
  provider: ProviderName
  /** Changes provider state: the answer is not compared with a fault-free one. */
  write?: boolean
  /** Logs in before the fault is armed (default true): false makes the login itself the target. */
  warm?: boolean
  /** Which request the fault hits (default: the operation's first request). */
  faultOn?: { method?: string; path?: string }
  /** Answers that legitimately degrade instead of failing (documented per row). */
  tolerant?: boolean
  /**
   * A DELETE: idempotent, so retried after a cut-off answer; the retry finds the object already
   * gone and says NOT_FOUND. The end state is the one asked for, and the message says so plainly.
   */
  deletes?: boolean
  /**
   * The faulted request is a Cloutility POST (not idempotent): when its answer is lost, the error
   * must say the change may have happened, so nobody sends it again blindly.
   */
  post?: boolean
  /** Compares a read's answer with the fault-free one (default: deep equality). */
  same?: (a: unknown, b: unknown) => boolean
  prepare?: (c: Ctx) => Promise<unknown>
  run: (c: Ctx, prepared: unknown) => Promise<unknown>
}

const RANGE = { start: new Date(NOW - 7 * 86_400_000).toISOString(), end: new Date(NOW).toISOString() }
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
let uniq = 0
const unique = (what: string) => `chaos ${what} ${++uniq}`

/** A fresh consumption unit with an activated node (for the proxy and password writes). */
async function activatedUnit(c: Ctx): Promise<number> {
  const unit = await c.cloutility.createConsumer(c.ids.bu, { name: unique('unit') })
  await c.cloutility.createNode(c.ids.bu, unit.id, c.ids.nodeInput)
  await c.cloutility.activateNode(c.ids.bu, unit.id)
  return unit.id
}

const U = (name: string, run: (c: CloutilityClient, ids: Ids) => Promise<unknown>, extra: Partial<Operation> = {}): Operation => ({
  name: `cloutility.${name}`,
  provider: 'cloutility',
  run: (c) => run(c.cloutility, c.ids),
  ...extra
})
const A = (name: string, run: (c: CloudAllyClient, ids: Ids) => Promise<unknown>, extra: Partial<Operation> = {}): Operation => ({
  name: `cloudally.${name}`,
  provider: 'cloudally',
  run: (c) => run(c.cloudally, c.ids),
  ...extra
})

const OPERATIONS: Operation[] = [
  // Cloutility: logins (the token endpoint itself is the target).
  U('login (password grant)', (u) => u.me(), { warm: false }),
  U('verifyRefresh (refresh grant)', (u) => u.verifyRefresh()),
  // Cloutility reads.
  U('fullVersion', (u) => u.fullVersion()),
  U('me', (u) => u.me()),
  U('businessUnitTree', (u) => u.businessUnitTree()),
  U('searchBusinessUnits', (u) => u.searchBusinessUnits('a')),
  U('businessUnit', (u, i) => u.businessUnit(i.bu)),
  U('timeZones', (u) => u.timeZones()),
  U('consumers', (u, i) => u.consumers(i.bu)),
  U('consumer', (u, i) => u.consumer(i.bu, i.cid)),
  U('node', (u, i) => u.node(i.bu, i.cid)),
  U('proposeNodeName', (u, i) => u.proposeNodeName(i.bu, i.cid)),
  U('filespaces', (u, i) => u.filespaces(i.bu, i.cid)),
  U('possibleProxyNodes', (u, i) => u.possibleProxyNodes(i.bu, i.cid)),
  U('proxyRelations', (u, i) => u.proxyRelations(i.bu, i.cid)),
  U('jobs', (u, i) => u.jobs(i.bu, i.cid, RANGE)),
  U('reports', (u, i) => u.reports(i.bu, i.cid, RANGE)),
  U('nodeWarningTypes', (u) => u.nodeWarningTypes()),
  U('businessUnitStatusReport', (u, i) => u.businessUnitStatusReport(i.bu)),
  U('consumerAuditLogs', (u, i) => u.consumerAuditLogs(i.bu, i.cid, { limit: 20 })),
  U('businessUnitAuditLogs', (u, i) => u.businessUnitAuditLogs(i.bu, { limit: 20 })),
  U('defaultServer', (u, i) => u.defaultServer(i.bu)),
  U('domains', (u, i) => u.domains(i.bu)),
  U('clientOptionSets', (u, i) => u.clientOptionSets(i.bu)),
  U('operatingSystems', (u) => u.operatingSystems()),
  U('nodeTypes', (u) => u.nodeTypes()),
  U('contract', (u, i) => u.contract(i.billingBu)),
  U('invoices', (u, i) => u.invoices(i.billingBu)),
  {
    ...U('invoiceByDate', () => Promise.resolve()),
    prepare: async (c) => (await c.cloutility.invoices(c.ids.billingBu))[0]?.date,
    run: (c, date) => c.cloutility.invoiceByDate(c.ids.billingBu, String(date))
  },
  U('invoiceFiles', (u, i) => u.invoiceFiles(i.billingBu)),
  U('billing', (u, i) => u.billing(i.billingBu, { includeNext: 1 })),
  {
    ...U('billingByDate', () => Promise.resolve()),
    prepare: async (c) => (await c.cloutility.billing(c.ids.billingBu))[0]?.date,
    run: (c, date) => c.cloutility.billingByDate(c.ids.billingBu, String(date))
  },
  // Cloutility writes. POSTs are sent once; PUT and DELETE are idempotent and may be retried.
  U('createBusinessUnit', (u, i) => u.createBusinessUnit(i.bu, { name: unique('bu') }), { post: true, write: true }),
  U('updateBusinessUnit', (u, i) => u.updateBusinessUnit(i.bu, { note: 'chaos' }), { write: true, faultOn: { method: 'PUT' } }),
  {
    ...U('deleteBusinessUnit', () => Promise.resolve(), { write: true, deletes: true }),
    prepare: async (c) => (await c.cloutility.createBusinessUnit(c.ids.bu, { name: unique('bu') })).id,
    run: (c, id) => c.cloutility.deleteBusinessUnit(id as number)
  },
  U('createConsumer', (u, i) => u.createConsumer(i.bu, { name: unique('unit') }), { post: true, write: true }),
  U('updateConsumer', (u, i) => u.updateConsumer(i.bu, i.cid, { note: 'chaos' }), { write: true, faultOn: { method: 'PUT' } }),
  {
    ...U('deleteConsumer', () => Promise.resolve(), { write: true, deletes: true }),
    prepare: async (c) => (await c.cloutility.createConsumer(c.ids.bu, { name: unique('unit') })).id,
    run: (c, id) => c.cloutility.deleteConsumer(c.ids.bu, id as number)
  },
  {
    ...U('createNode', () => Promise.resolve(), { write: true, post: true }),
    prepare: async (c) => (await c.cloutility.createConsumer(c.ids.bu, { name: unique('unit') })).id,
    run: (c, id) => c.cloutility.createNode(c.ids.bu, id as number, c.ids.nodeInput)
  },
  U('updateNode', (u, i) => u.updateNode(i.bu, i.cid, { contact: 'chaos@backdesk.example' }), { write: true }),
  {
    ...U('deleteNode', () => Promise.resolve(), { write: true, deletes: true }),
    prepare: async (c) => {
      const unit = await c.cloutility.createConsumer(c.ids.bu, { name: unique('unit') })
      await c.cloutility.createNode(c.ids.bu, unit.id, c.ids.nodeInput)
      return unit.id
    },
    run: (c, id) => c.cloutility.deleteNode(c.ids.bu, id as number)
  },
  U('setNodePassword', (u, i) => u.setNodePassword(i.bu, i.cid, 'Chaos-Node-Pw-77'), { post: true, write: true }),
  {
    ...U('activateNode', () => Promise.resolve(), { write: true, faultOn: { path: '*/node/activate' } }),
    prepare: async (c) => {
      const unit = await c.cloutility.createConsumer(c.ids.bu, { name: unique('unit') })
      await c.cloutility.createNode(c.ids.bu, unit.id, c.ids.nodeInput)
      return unit.id
    },
    run: (c, id) => c.cloutility.activateNode(c.ids.bu, id as number)
  },
  {
    ...U('grantProxyAgent', () => Promise.resolve(), { write: true, post: true }),
    prepare: async (c) => [await activatedUnit(c), await activatedUnit(c)],
    run: (c, ids) => c.cloutility.grantProxyAgent(c.ids.bu, (ids as number[])[0] as number, (ids as number[])[1] as number)
  },
  {
    ...U('grantProxyTarget', () => Promise.resolve(), { write: true, post: true }),
    prepare: async (c) => [await activatedUnit(c), await activatedUnit(c)],
    run: (c, ids) => c.cloutility.grantProxyTarget(c.ids.bu, (ids as number[])[0] as number, (ids as number[])[1] as number)
  },
  {
    ...U('revokeProxyAgent', () => Promise.resolve(), { write: true, deletes: true }),
    prepare: async (c) => {
      const pair = [await activatedUnit(c), await activatedUnit(c)] as [number, number]
      await c.cloutility.grantProxyAgent(c.ids.bu, pair[0], pair[1])
      return pair
    },
    run: (c, ids) => c.cloutility.revokeProxyAgent(c.ids.bu, (ids as number[])[0] as number, (ids as number[])[1] as number)
  },
  {
    ...U('revokeProxyTarget', () => Promise.resolve(), { write: true, deletes: true }),
    prepare: async (c) => {
      const pair = [await activatedUnit(c), await activatedUnit(c)] as [number, number]
      await c.cloutility.grantProxyTarget(c.ids.bu, pair[0], pair[1])
      return pair
    },
    run: (c, ids) => c.cloutility.revokeProxyTarget(c.ids.bu, (ids as number[])[0] as number, (ids as number[])[1] as number)
  },
  U('uploadInvoicePdf', (u, i) => u.uploadInvoicePdf(i.billingBu, PDF, { fileName: 'chaos.pdf', erpReference: 'CHAOS-1' }), { post: true, write: true }),

  // CloudAlly: partner and portal logins, every list, the restore request and its status.
  A('login (partner)', (a) => a.partner(), { warm: false }),
  { ...A('login (portal user)', () => Promise.resolve(), { warm: false }), run: (c) => c.portal.backupTasks() },
  A('partner', (a) => a.partner()),
  A('status', (a) => a.status()),
  A('tasks', (a) => a.tasks()),
  A('resellers', (a) => a.resellers()),
  A('reseller', (a, i) => a.reseller(i.resellerId)),
  A('users', (a, i) => a.users({ resellerId: i.resellerId })),
  A('bills', (a) => a.bills()),
  A('backupTasks', (a) => a.backupTasks()),
  A('backupTask', (a, i) => a.backupTask(i.taskId)),
  { ...A('backupTask (portal user)', () => Promise.resolve()), run: (c) => c.portal.backupTask(c.ids.portalTaskId) },
  A('createRestore (restore)', (a, i) => a.createRestore({ taskId: i.taskId, kind: 'restore' }), { write: true }),
  A('createRestore (download)', (a, i) => a.createRestore({ taskId: i.taskId, kind: 'download', entities: ['chaos'] }), { write: true }),
  {
    ...A('restoreStatus', () => Promise.resolve()),
    // Each cell starts its own job: the answers differ only in the job id.
    same: (a, b) => isDeepStrictEqual({ ...(a as object), jobId: '' }, { ...(b as object), jobId: '' }),
    prepare: async (c) => (await c.cloudally.createRestore({ taskId: c.ids.taskId, kind: 'download' })).jobId,
    run: (c, jobId) => c.cloudally.restoreStatus(String(jobId))
  },

  // Cloudback: the two operations (both POSTs that Cloudback documents as safe to repeat).
  { name: 'cloudback.getDefinition', provider: 'cloudback', run: (c) => c.cloudback.getDefinition(c.ids.repo) },
  {
    name: 'cloudback.updateDefinition',
    provider: 'cloudback',
    write: true,
    run: (c) => c.cloudback.updateDefinition(c.ids.repo, { enabled: true, schedule: 'Daily at 6 am', storage: 'Cloudback EU', retention: 'Last 90 days' })
  }
]

// --- checks ------------------------------------------------------------------------------------

const TOKEN_PATHS = new Set(['/v1/oauth', '/auth', '/auth/partner', '/auth/refresh'])
const IDEMPOTENT_POSTS = /^\/(api\/)?ops\/definition\/(get|update)$/

async function warmUp(c: Ctx, provider: ProviderName): Promise<void> {
  if (provider === 'cloutility') await c.cloutility.me()
  if (provider === 'cloudally') await Promise.all([c.cloudally.partner(), c.portal.backupTasks({ limit: 1 })])
  if (provider === 'cloudback') await c.cloudback.getDefinition(c.ids.repo)
}

/** A cheap read on the same client: the process keeps working. */
function health(c: Ctx, provider: ProviderName): Promise<unknown> {
  if (provider === 'cloutility') return c.cloutility.me()
  if (provider === 'cloudally') return c.cloudally.partner()
  return c.cloudback.getDefinition(c.ids.repo)
}

function secretsOf(c: Ctx): string[] {
  const u = c.sim.cloutility.credentials
  const a = c.sim.cloudally.credentials
  return [...c.secrets.seen, u.password, a.clientSecret, a.partnerPassword, a.portalPassword, c.sim.cloudback.credentials.apiKey]
}

/** Why this error is not a clear one, or undefined. */
function unclear(err: unknown, c: Ctx): string | undefined {
  if (!(err instanceof AppError)) return `threw a ${(err as Error)?.constructor?.name ?? typeof err}, not an AppError: ${String(err)}`
  if (!(ERROR_CODES as readonly string[]).includes(err.code)) return `code ${String(err.code)} is not in the shared union`
  const m = err.message
  if (typeof m !== 'string' || m.trim().length < 10 || m.length > 400) return `message length ${m?.length}: ${m}`
  if (/\n\s+at\s|\bat\s+\S+\s+\(.*:\d+:\d+\)/.test(m)) return `message carries a stack trace: ${m}`
  if (/<\s*\/?\s*(html|head|body|h1|center|hr|title|!doctype)\b/i.test(m)) return `message carries HTML: ${m}`
  if (/\{\s*"|\[object Object\]|\bundefined\b|\bNaN\b/.test(m)) return `message carries a raw body or a broken value: ${m}`
  const info = JSON.stringify(err.toInfo())
  if (/<\s*\/?\s*(html|body|h1|center|!doctype)\b/i.test(info)) return `toInfo() carries HTML: ${info}`
  if (/\n\s+at\s/.test(info)) return `toInfo() carries a stack trace: ${info}`
  for (const secret of secretsOf(c)) if (info.includes(secret) || m.includes(secret)) return `the error carries a secret (${secret.slice(0, 3)}…): ${info}`
  return undefined
}

function duplicatedPosts(c: Ctx, from: number): string[] {
  const counts = new Map<string, number>()
  for (const r of c.sim.stats.requests.slice(from)) {
    if (r.method !== 'POST' || TOKEN_PATHS.has(r.path) || IDEMPOTENT_POSTS.test(r.path)) continue
    // Refused before the server did anything (expired token); the client logs in and sends it again.
    if (r.status === 401) continue
    counts.set(`${r.provider} POST ${r.path}`, (counts.get(`${r.provider} POST ${r.path}`) ?? 0) + 1)
  }
  return [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${k} sent ${n} times`)
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await p }
  } catch (error) {
    return { ok: false, error }
  }
}

const codeOf = (o: Outcome) => (o.ok ? 'ok' : ((o.error as AppError)?.code ?? String(o.error)))

/** Runs one cell; returns what went wrong (empty = the cell holds). */
async function runCell(op: Operation, fault: FaultColumn, baseline: Outcome): Promise<string[]> {
  const c = await openCell()
  const problems: string[] = []
  try {
    if (op.warm !== false) await warmUp(c, op.provider)
    const prepared = op.prepare ? await op.prepare(c) : undefined
    const from = c.sim.stats.requests.length
    c.sim.faults.add({ provider: op.provider, ...op.faultOn, ...fault.rule })
    const running = outcome(op.run(c, prepared))
    let settled = false
    void running.then(() => (settled = true))
    let deadlineCame = false
    if (fault.endsAtDeadline) {
      // The one-shot fault is used up once its request is at the server, which holds it: then the
      // deadline comes. (A call that settles first never reached the faulted request.)
      await until(() => settled || c.sim.faults.list().length === 0)
      if (!settled) {
        c.clock.advance(DEADLINE_MS)
        deadlineCame = true
      }
    }
    const result = await running
    c.sim.faults.clear()

    if (deadlineCame && !result.ok && !DEADLINE_SAID.test((result.error as Error).message)) {
      problems.push(`ended with "${(result.error as Error).message}", not at its ${DEADLINE_MS} ms deadline`)
    }
    if (result.ok) {
      if (fault.mustFail && !op.tolerant) problems.push('succeeded although its request never completed in time')
      if (!op.write && !op.tolerant && !(baseline.ok && (op.same ?? isDeepStrictEqual)(result.value, baseline.value))) {
        problems.push(`answered ${JSON.stringify(result.value)?.slice(0, 200)} instead of the fault-free ${baseline.ok ? 'answer' : codeOf(baseline)}`)
      }
    } else {
      const why = unclear(result.error, c)
      if (why) problems.push(why)
      const code = codeOf(result)
      const allowed = new Set<string>(fault.codes)
      if (!baseline.ok) allowed.add(codeOf(baseline))
      if (op.deletes && fault.name === 'truncated') allowed.add('NOT_FOUND')
      if (!allowed.has(code)) problems.push(`failed with ${code} (${(result.error as Error).message}); expected ${[...allowed].join(' or ') || 'a correct result'}`)
      if (op.post && fault.answerLost && !/may have made the change/.test((result.error as Error).message)) {
        problems.push(`a POST whose answer was lost does not say the change may have happened: ${(result.error as Error).message}`)
      }
    }
    problems.push(...duplicatedPosts(c, from))

    // A login shared by every waiting call (single flight) outlives the caller that gave up; it
    // ends at its own deadline. Calls made before then join it and share its failure, so the
    // check below starts once every request of the faulted call has ended (and what they failed
    // has unwound).
    await until(() => c.inFlight.size === 0)
    await new Promise((resolve) => setImmediate(resolve))
    // No slot is held once every request has ended. (The Cloutility client does not show its
    // limiter: a slot it leaked leaves the calls below waiting, and the test fails at its timeout.)
    for (const [name, client] of [['cloudally', c.cloudally], ['portal', c.portal], ['cloudback', c.cloudback]] as const) {
      if (client.http.limiter.active > 0) problems.push(`the ${name} client still holds a connection slot after every request ended`)
    }
    // Still working: calls one after another through the client's single connection slot (a slot
    // the faulted call kept would leave them waiting), then the operation itself again.
    for (let n = 1; n <= 3; n++) {
      const after = await outcome(health(c, op.provider))
      if (!after.ok) {
        problems.push(`call ${n} after the fault was cleared failed: ${codeOf(after)}`)
        break
      }
    }
    if (!op.write) {
      const again = await outcome(op.run(c, prepared))
      const same = baseline.ok ? again.ok && (op.same ?? isDeepStrictEqual)(again.value, baseline.value) : codeOf(again) === codeOf(baseline)
      if (!same) problems.push(`after the fault: ${codeOf(again)} instead of the fault-free ${codeOf(baseline)}`)
    }
  } catch (err) {
    problems.push(`the cell could not run: ${String(err)}`)
  } finally {
    await closeCell(c)
  }
  return problems
}

async function fastBaseline(op: Operation): Promise<Outcome> {
  const c = await openCell()
  try {
    if (op.warm !== false) await warmUp(c, op.provider)
    const prepared = op.prepare ? await op.prepare(c) : undefined
    return await outcome(op.run(c, prepared))
  } finally {
    await closeCell(c)
  }
}

// Cells mostly wait on I/O (the simulator, a 250 ms latency), so more of them run side by side
// than the default 5.
vi.setConfig({ maxConcurrency: 10 })

describe.concurrent('chaos: every client operation under every simulator fault', () => {
  it('the matrix covers every fault kind of the simulator', () => {
    expect(MISSING_KINDS).toEqual([])
  })

  it.each(OPERATIONS.map((op) => [op.name, op] as const))(`%s under ${FAULTS.map((f) => f.name).join(', ')}`, async (_name, op) => {
    const baseline = await fastBaseline(op)
    if (op.write && !baseline.ok) throw new Error(`${op.name} fails without any fault: ${codeOf(baseline)} ${String(baseline.error)}`)
    const cells = await Promise.all(FAULTS.map(async (fault) => ({ fault: fault.name, problems: await runCell(op, fault, baseline) })))
    const failures = cells.flatMap((cell) => cell.problems.map((p) => `${op.name} × ${cell.fault}: ${p}`))
    expect(failures).toEqual([])
  })
})
