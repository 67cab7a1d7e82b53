// "Create ticket" for a fleet item: the documented JSON payload (shared/model/tickets.ts) POSTed to
// the customer's webhook (else the global one) through the one HTTP door, or a pre-filled e-mail
// when no webhook is set. The reference the ticket system answers is kept with the review item.
//
// Never twice for the same item and scan unless the user asks: every attempt is written to a
// ledger BEFORE the request leaves, and a POST that may have landed (5xx, timeout, reset, a
// crash mid-send) is recorded as "outcome unknown" and is never repeated automatically. Only a
// request that provably never left (refused, DNS) or was refused outright (4xx) may be sent again
// without asking. The secret goes only to the webhook's own origin (the client is bound to it;
// redirects are not followed).

import { createHash, createHmac } from 'node:crypto'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { FLEET_STATUS_LABEL, type FleetReview, type FleetRow, type FleetScanResult } from '../../../shared/model/fleet'
import type { TicketPayload, TicketRef, TicketResult, TicketState } from '../../../shared/model/tickets'
import { createHttpClient, isHttpError } from '../http'
import type { HandlerMap } from '../ipc/router'
import { silentLogger, type Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'
import type { PlatformServices } from '../platform/platform'
import { SealedJsonFile } from '../storage/sealed-json-file'
import type { VaultKeys } from '../storage/vault-keys'
import type { TicketTargets } from './ticket-targets'

const MAX_LEDGER = 20_000
/** 4xx answers: the ticket system looked at the request and refused it (nothing was created). */
const REFUSED = new Set(['VALIDATION', 'AUTH_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNPROCESSABLE', 'PLAN_LIMIT'])

interface LedgerEntry {
  state: 'sending' | TicketState
  at: string
  reference?: string
}
interface LedgerFile {
  version: 1
  entries: Record<string, LedgerEntry>
}

export interface TicketsServiceOptions {
  dataDir: string
  /** The ledger names customers' objects: sealed under a key from the vault, dropped at lock. */
  keys: VaultKeys
  targets: TicketTargets
  fleet: {
    status(): Promise<FleetScanResult | null>
    listReviews(): Promise<FleetReview[]>
    setTicket(key: string, ticket: TicketRef): Promise<FleetReview>
  }
  /** Since when the item has been in its state, from the kept scans. */
  since?: (key: string, status: FleetRow['status']) => Promise<string | undefined>
  platform?: Pick<PlatformServices, 'openExternal'>
  secrets?: SecretRegistry
  logger?: Logger
  now?: () => number
  /** The whole webhook call, default 20 s. */
  timeoutMs?: number
}

export const TICKET_LEDGER_FILE = 'ticket-ledger.sealed.json'

export class TicketsService {
  private readonly ledger: SealedJsonFile<LedgerFile>
  private readonly stopLock: () => void
  private state: LedgerFile | undefined
  private readonly logger: Logger
  private readonly now: () => number
  /** Items being sent right now: a second click waits for nothing and is refused. */
  private readonly inFlight = new Set<string>()

  constructor(private readonly options: TicketsServiceOptions) {
    this.ledger = new SealedJsonFile(join(options.dataDir, TICKET_LEDGER_FILE), {
      keys: options.keys,
      purpose: 'backdesk/tickets/ledger/seal/v1',
      ...(options.logger ? { logger: options.logger } : {})
    })
    this.stopLock = options.keys.onLock(() => {
      this.state = undefined
    })
    this.logger = (options.logger ?? silentLogger).child('tickets')
    this.now = options.now ?? Date.now
  }

  private async load(): Promise<LedgerFile> {
    this.state ??= await this.ledger.read(
      () => ({ version: 1, entries: {} }),
      (v) => {
        const f = v as Partial<LedgerFile> | null
        if (!f || f.version !== 1 || !f.entries || typeof f.entries !== 'object') return undefined
        // A send interrupted by a crash may have landed: it reads as "outcome unknown".
        for (const e of Object.values(f.entries)) if (e.state === 'sending') e.state = 'unknown'
        return f as LedgerFile
      }
    )
    return this.state
  }

  private async record(id: string, entry: LedgerEntry): Promise<void> {
    const file = await this.load()
    file.entries[id] = entry
    const ids = Object.keys(file.entries)
    if (ids.length > MAX_LEDGER) {
      const oldest = ids.sort((a, b) => (file.entries[a]?.at ?? '').localeCompare(file.entries[b]?.at ?? ''))[0]
      if (oldest) delete file.entries[oldest]
    }
    await this.ledger.write(file)
  }

  async create(input: { key: string; note?: string; resend?: boolean }): Promise<TicketResult> {
    const scan = await this.options.fleet.status()
    const row = scan?.rows.find((r) => r.key === input.key)
    if (!scan || !row) throw new AppError('NOT_FOUND', 'This item is not in the latest scan. Scan again, then create the ticket.')
    const ledgerId = `${row.key}\n${scan.scanId}`
    if (this.inFlight.has(ledgerId)) throw new AppError('CONFLICT', 'A ticket for this item is being sent right now.')
    const previous = (await this.load()).entries[ledgerId]
    if (previous && previous.state !== 'failed' && !input.resend) {
      const what =
        previous.state === 'unknown'
          ? 'was sent from this scan, but whether it arrived is unknown'
          : previous.state === 'email'
            ? 'was opened as an e-mail from this scan'
            : `was already created from this scan${previous.reference ? ` (${previous.reference})` : ''}`
      throw new AppError('CONFLICT', `A ticket for this item ${what}. Check the ticket system, then choose “Send again” if it is missing.`, {
        details: { state: previous.state, ...(previous.reference ? { reference: previous.reference } : {}) }
      })
    }
    this.inFlight.add(ledgerId)
    try {
      const review = (await this.options.fleet.listReviews()).find((r) => r.key === row.key)
      const note = input.note?.trim() || review?.note
      const since = await this.options.since?.(row.key, row.status).catch(() => undefined)
      const payload = buildPayload(row, scan, this.now(), note, since)
      const target = this.options.targets.resolve(row.customer)
      if (target?.url) return await this.sendWebhook(ledgerId, row.key, payload, target.url, target.secret)
      return await this.openEmail(ledgerId, row.key, payload, target?.email)
    } finally {
      this.inFlight.delete(ledgerId)
    }
  }

  private async sendWebhook(ledgerId: string, key: string, payload: TicketPayload, rawUrl: string, secret: string | undefined): Promise<TicketResult> {
    const url = new URL(rawUrl)
    const body = JSON.stringify(payload)
    const headers: Record<string, string> = { 'idempotency-key': payload.idempotencyKey }
    if (secret) {
      headers.authorization = `Bearer ${secret}`
      headers['x-backdesk-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
    }
    // Written before the request leaves: a crash from here on reads as "outcome unknown".
    await this.record(ledgerId, { state: 'sending', at: new Date(this.now()).toISOString() })
    // The client is bound to the webhook's origin: the secret cannot be sent anywhere else.
    const client = createHttpClient({
      baseUrl: url.origin,
      name: 'ticket-webhook',
      logger: this.logger,
      ...(this.options.secrets ? { secrets: this.options.secrets } : {}),
      deadlineMs: this.options.timeoutMs ?? 20_000,
      headersTimeoutMs: this.options.timeoutMs ?? 20_000,
      bodyTimeoutMs: this.options.timeoutMs ?? 20_000,
      concurrency: 2,
      maxResponseBytes: 1024 * 1024
    })
    let state: TicketState
    let reference: string | undefined
    let message: string | undefined
    try {
      const res = await client.request<string>({
        method: 'POST',
        // Absolute (same origin as the client): keeps the query string as the user wrote it.
        path: url.toString(),
        headers,
        body: Buffer.from(body, 'utf8'),
        contentType: 'application/json',
        responseType: 'text'
      })
      state = 'sent'
      reference = referenceOf(res.body, res.headers.location)
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'INTERNAL'
      const neverLeft = isHttpError(err) && err.notSent
      state = REFUSED.has(code) || neverLeft ? 'failed' : 'unknown'
      const why = err instanceof Error ? err.message : 'error'
      // "Refused" only for an answer; a request that never reached the system was not refused.
      message = neverLeft
        ? `The ticket system could not be reached, so nothing was sent: ${why}`
        : state === 'failed'
          ? `The ticket system refused it: ${why}`
          : `No clear answer from the ticket system (${code}); the ticket may or may not exist. It was not sent again.`
      this.logger.warn('ticket webhook failed', { code, state })
    } finally {
      await client.destroy().catch(() => undefined)
    }
    const at = new Date(this.now()).toISOString()
    await this.record(ledgerId, { state, at, ...(reference ? { reference } : {}) })
    const ref: TicketRef = { via: 'webhook', state, scanId: payload.scanId, at, ...(reference ? { reference } : {}), ...(message ? { message } : {}) }
    await this.options.fleet.setTicket(key, ref)
    return ref
  }

  private async openEmail(ledgerId: string, key: string, payload: TicketPayload, to: string | undefined): Promise<TicketResult> {
    const subject = `[Backdesk] ${payload.statusText}: ${payload.object.name} (${payload.customer || 'no customer'})`
    const lines = [
      `Customer: ${payload.customer || '—'}`,
      `Object: ${payload.object.name}${payload.object.context ? ` (${payload.object.context})` : ''}`,
      `Provider: ${payload.provider} · connection ${payload.object.connection}`,
      `Status: ${payload.statusText} — ${payload.detail}`,
      ...(payload.since ? [`Since: ${payload.since}`] : []),
      ...(payload.lastSuccess ? [`Last good backup: ${payload.lastSuccess}`] : []),
      `Where: ${payload.linkText}`,
      ...(payload.note ? ['', `Note: ${payload.note}`] : []),
      '',
      `Reference: ${payload.idempotencyKey} (scan ${payload.scanAt})`
    ]
    const mailto = `mailto:${to ? encodeURIComponent(to).replace('%40', '@') : ''}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(lines.join('\r\n'))}`
    let opened = false
    try {
      await this.options.platform?.openExternal(mailto)
      opened = !!this.options.platform
    } catch {
      opened = false // the web shell: the renderer opens it
    }
    const at = new Date(this.now()).toISOString()
    await this.record(ledgerId, { state: 'email', at })
    const ref: TicketRef = { via: 'email', state: 'email', scanId: payload.scanId, at }
    await this.options.fleet.setTicket(key, ref)
    return { ...ref, mailto, opened }
  }

  flush(): Promise<void> {
    return this.ledger.flush()
  }

  async dispose(): Promise<void> {
    this.stopLock()
    await this.ledger.flush()
  }
}

export function buildPayload(row: FleetRow, scan: FleetScanResult, now: number, note: string | undefined, since: string | undefined): TicketPayload {
  const payload: TicketPayload = {
    schema: 'backdesk.ticket/v1',
    idempotencyKey: createHash('sha256').update(`${row.key}\n${scan.scanId}`).digest('hex').slice(0, 32),
    customer: row.customer,
    provider: row.provider,
    object: { key: row.key, name: row.object, kind: row.kind, connection: row.connectionName, ...(row.context ? { context: row.context } : {}) },
    status: row.status,
    statusText: FLEET_STATUS_LABEL[row.status],
    detail: row.detail,
    linkText: ['Backdesk', 'Fleet health', row.customer || 'No customer', row.connectionName, row.object].join(' › '),
    scanId: scan.scanId,
    scanAt: scan.finishedAt ?? scan.startedAt,
    createdAt: new Date(now).toISOString()
  }
  if (since) payload.since = since
  if (row.lastSuccess) payload.lastSuccess = row.lastSuccess
  if (note) payload.note = note
  return payload
}

/** The ticket's reference from the answer: JSON reference/id/key/number/ticketId, else Location. */
export function referenceOf(body: string, location: string | undefined): string | undefined {
  const clean = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).replace(/[^\x20-\x7e]/g, '').trim().slice(0, 200) || undefined : undefined)
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>
    if (parsed && typeof parsed === 'object') {
      for (const k of ['reference', 'id', 'key', 'number', 'ticketId']) {
        const v = clean(parsed[k])
        if (v) return v
      }
    }
  } catch {
    // not JSON: fall through to Location
  }
  return location ? clean(location) : undefined
}

export type TicketsHandlers = Pick<HandlerMap, 'tickets.targets.list' | 'tickets.targets.set' | 'tickets.targets.remove' | 'tickets.create'>

export function createTicketsHandlers(service: TicketsService, targets: TicketTargets): TicketsHandlers {
  return {
    'tickets.targets.list': () => targets.list(),
    'tickets.targets.set': (input) =>
      targets.set({
        customer: input.customer,
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.secret !== undefined ? { secret: input.secret } : {})
      }),
    'tickets.targets.remove': ({ customer }) => targets.remove(customer).then((removed) => ({ removed })),
    'tickets.create': (input) => service.create({ key: input.key, ...(input.note !== undefined ? { note: input.note } : {}), ...(input.resend ? { resend: true } : {}) })
  }
}
