// "Test connection" for CloudAlly: a real login and one cheap call, reporting which step failed
// (URL, DNS, connect, TLS, client id/secret, credentials, API) in one sentence. A partner reads its
// profile; a portal user, who may not read the partner API, renews its token.

import type { ProbeResult, ProbeStage, ProbeStep } from '../../../../shared/model/connection'
import { isHttpError } from '../../http/errors'
import type { Logger } from '../../log/logger'
import type { SecretRegistry } from '../../log/redact'
import { probeClientDeps, stageOf, unusableUrlResult } from '../../connections/probe-support'
import { createCloudAllyClient, SEED_ONLY_ROUTES, type CloudAllyClientDeps, type CloudAllyConfig } from './client'

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export async function testCloudAllyConnection(
  config: CloudAllyConfig,
  options: { signal?: AbortSignal; logger?: Logger; secrets?: SecretRegistry; http?: CloudAllyClientDeps['http'] } = {}
): Promise<ProbeResult> {
  const steps: ProbeStep[] = []
  const unusable = unusableUrlResult(config.baseUrl, 'https://api.cloudally.com')
  if (unusable) return unusable
  const client = createCloudAllyClient(config, probeClientDeps<CloudAllyClientDeps['http']>(options))
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now()
    try {
      const value = await fn()
      steps.push({ name, ok: true, durationMs: Date.now() - started })
      return value
    } catch (err) {
      steps.push({ name, ok: false, durationMs: Date.now() - started, message: messageOf(err) })
      throw err
    }
  }
  try {
    const loginPath = config.mode === 'partner' ? 'POST /auth/partner' : 'POST /auth'
    await timed(`Login (${loginPath})`, () => client.auth.validToken(options.signal))
    if (config.mode === 'partner') {
      const partner = await timed('GET /v1/partners', () => client.partner({ signal: options.signal }))
      const account = partner.contactName ?? partner.partnerId ?? partner.email ?? config.email
      const form = client.auth.tokenStats.partnerForm
      return {
        ok: true,
        message: `Logged in as partner ${account}${partner.partnerId ? ` (${partner.partnerId})` : ''}.${form === 'seed-body' ? ' This server takes the client id and secret in the login body.' : ''}`,
        steps,
        account,
        details: { mode: 'partner', ...(partner.partnerId ? { partnerId: partner.partnerId } : {}), ...(form ? { loginForm: form } : {}) }
      }
    }
    // A portal user cannot read the partner API. What such a login can do that real clients also
    // do is renew its token: that shows the login is one CloudAlly honours.
    await timed('Token refresh (POST /auth/refresh)', () => client.auth.refreshNow(options.signal))
    // The backup-task list is the seed's word only (SEED_ONLY_ROUTES): informative, never decisive.
    const started = Date.now()
    const name = `GET ${SEED_ONLY_ROUTES.backupTasks}`
    let note = ''
    try {
      const tasks = await client.backupTasks({ limit: 1, ...(options.signal ? { signal: options.signal } : {}) })
      steps.push({ name, ok: true, durationMs: Date.now() - started })
      note = `; backup tasks are readable${tasks.length ? '' : ' (none yet)'}`
    } catch (err) {
      const status = isHttpError(err) && err.kind === 'status' ? err.status : undefined
      if (status === undefined || ![403, 404, 405, 501].includes(status)) throw err
      steps.push({ name, ok: false, durationMs: Date.now() - started, message: `HTTP ${status}: not offered to this login (optional)` })
      note = `. This server does not offer the backup-task list to this login (HTTP ${status})`
    }
    return {
      ok: true,
      message: `Logged in as ${config.email}${note}.`,
      steps,
      account: config.email,
      details: { mode: 'user' }
    }
  } catch (err) {
    const stage = stageOf(err)
    const prefix: Partial<Record<ProbeStage, string>> = {
      dns: 'The server name could not be found.',
      connect: 'The server could not be reached.',
      tls: 'The secure connection failed.',
      client: 'The client id or client secret was refused.',
      credentials: 'The login was refused.',
      permission: 'The login worked but this account may not use the partner API.',
      timeout: 'The server did not answer in time.'
    }
    return { ok: false, stage, message: `${prefix[stage] ? `${prefix[stage]} ` : ''}${messageOf(err)}`, steps }
  } finally {
    await client.close().catch(() => undefined)
  }
}
