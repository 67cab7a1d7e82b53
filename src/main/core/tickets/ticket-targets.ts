// Where tickets go, kept in the vault payload (a webhook URL may itself be a capability, and its
// secret certainly is): one target per customer, and a global one (customer null) for the rest.
// The secret is registered with the SecretRegistry while unlocked (payloadSecrets), so logs and
// IPC answers can never carry it; summaries only say whether one is stored.

import { AppError } from '../../../shared/errors'
import type { TicketTargetSummary } from '../../../shared/model/tickets'
import type { VaultService } from '../vault/vault.service'
import type { TicketTargetRecord } from '../vault/payload'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** https:// anywhere, http:// only to this computer; no user name or password in it. */
export function checkWebhookUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new AppError('VALIDATION', `“${raw.slice(0, 100)}” is not a valid web address.`)
  }
  if (url.username || url.password) throw new AppError('VALIDATION', 'The webhook address must not contain a user name or password: put the secret in the Secret field.')
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url
  throw new AppError('VALIDATION', 'The webhook address must start with https:// (http:// only to this computer).')
}

export function checkEmail(raw: string): string {
  const email = raw.trim()
  if (!/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(email)) throw new AppError('VALIDATION', `“${email.slice(0, 100)}” is not an e-mail address.`)
  return email
}

export interface TicketTargetInput {
  customer: string | null
  /** '' removes the URL. */
  url?: string
  /** '' removes the address. */
  email?: string
  /** A new secret; null removes it; absent keeps it. */
  secret?: string | null
}

/** A target says where tickets go: a webhook or an e-mail address. */
const isUsable = (r: TicketTargetRecord): boolean => !!r.url || !!r.email

function summaryOf(r: TicketTargetRecord): TicketTargetSummary {
  return { customer: r.customer, ...(r.url ? { url: r.url } : {}), ...(r.email ? { email: r.email } : {}), hasSecret: !!r.secret }
}

export class TicketTargets {
  constructor(private readonly vault: Pick<VaultService, 'read' | 'update'>) {}

  list(): TicketTargetSummary[] {
    return this.vault.read((p) => (p.ticketTargets ?? []).map(summaryOf))
  }

  /**
   * The customer's own target, else the global one; undefined when neither exists. An own target
   * with neither a webhook nor an address (kept by earlier versions when both were cleared) says
   * nothing about where tickets go, so the global one applies.
   */
  resolve(customer: string): TicketTargetRecord | undefined {
    return this.vault.read((p) => {
      const all = (p.ticketTargets ?? []).filter(isUsable)
      const own = all.find((t) => t.customer === customer)
      return structuredClone(own ?? all.find((t) => t.customer === null))
    })
  }

  async set(input: TicketTargetInput): Promise<TicketTargetSummary> {
    const url = input.url === undefined ? undefined : input.url.trim() === '' ? '' : checkWebhookUrl(input.url.trim()).toString()
    const email = input.email === undefined ? undefined : input.email.trim() === '' ? '' : checkEmail(input.email)
    return this.vault.update((p) => {
      const all = (p.ticketTargets ??= [])
      let record = all.find((t) => t.customer === input.customer)
      if (!record) {
        record = { customer: input.customer }
        all.push(record)
      }
      if (url !== undefined) {
        // A secret is only ever sent to the webhook it was given for: a new origin drops it.
        const before = record.url ? new URL(record.url).origin : undefined
        if (before !== (url ? new URL(url).origin : undefined) && input.secret === undefined) delete record.secret
        if (url) record.url = url
        else delete record.url
      }
      if (email !== undefined) {
        if (email) record.email = email
        else delete record.email
      }
      if (input.secret === null) delete record.secret
      else if (input.secret !== undefined) record.secret = input.secret
      // Cleared of both its webhook and its address, a target is gone: kept, a customer's would
      // hide the target for all customers (its tickets would open an e-mail to nobody).
      if (!isUsable(record)) {
        p.ticketTargets = all.filter((t) => t !== record)
        return { customer: input.customer, hasSecret: false }
      }
      return summaryOf(record)
    })
  }

  async remove(customer: string | null): Promise<boolean> {
    return this.vault.update((p) => {
      const before = p.ticketTargets?.length ?? 0
      p.ticketTargets = (p.ticketTargets ?? []).filter((t) => t.customer !== customer)
      return p.ticketTargets.length < before
    })
  }
}
