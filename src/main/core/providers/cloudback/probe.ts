// "Test connection" for Cloudback. The Operations API has no cheap read call (no list, no "who
// am I"), so the probe asks for the definition of a subject that cannot exist:
//   401 → the key is wrong; 404 → the key was accepted (Cloudback checks the key first and then
//   finds nothing); 400/422 → the key was accepted too (the request itself was judged).
// To be sure the 404 came from Cloudback and not from some other server at that URL, a second
// call without any key must then be refused with 401. It changes nothing and costs two requests.
// The first call is the login (the key's only check): a redirect there is the login's failure.

import type { ProbeResult, ProbeStep } from '../../../../shared/model/connection'
import { isHttpError, isRedirectError, loginRedirectError } from '../../http/errors'
import type { Logger } from '../../log/logger'
import type { SecretRegistry } from '../../log/redact'
import { probeClientDeps, stageOf, unusableUrlResult } from '../../connections/probe-support'
import { createCloudbackClient, KEY_CHECK_SUBJECT, type CloudbackClientDeps, type CloudbackConfig } from './client'

export async function testCloudbackConnection(
  config: CloudbackConfig,
  options: { signal?: AbortSignal; logger?: Logger; secrets?: SecretRegistry; http?: CloudbackClientDeps['http'] } = {}
): Promise<ProbeResult> {
  const steps: ProbeStep[] = []
  const unusable = unusableUrlResult(config.baseUrl, 'https://app.cloudback.it')
  if (unusable) return unusable
  const client = createCloudbackClient(config, probeClientDeps<CloudbackClientDeps['http']>(options))
  const statusOf = async (apiKey: string | null): Promise<number> => {
    try {
      await client.probeLookup(KEY_CHECK_SUBJECT, apiKey, { signal: options.signal })
      return 200
    } catch (err) {
      if (isRedirectError(err) && apiKey !== null) throw loginRedirectError('Cloudback', err, 'API key')
      if (isHttpError(err) && err.kind === 'status' && err.status !== undefined) return err.status
      throw err
    }
  }
  const LOGIN = 'Login (POST definition/get with the API key)'
  let step = LOGIN
  const started = Date.now()
  try {
    const withKey = await statusOf(config.apiKey)
    if (withKey === 401) {
      steps.push({ name: LOGIN, ok: false, durationMs: Date.now() - started, message: 'HTTP 401' })
      return { ok: false, stage: 'credentials', message: 'Cloudback refused the API key (HTTP 401): it is wrong or was revoked. Create a new one on the API Keys page.', steps }
    }
    if (![200, 400, 404, 422].includes(withKey)) {
      steps.push({ name: LOGIN, ok: false, durationMs: Date.now() - started, message: `HTTP ${withKey}` })
      return { ok: false, stage: withKey === 402 ? 'plan' : 'api', message: `Cloudback answered HTTP ${withKey} to a lookup; the service may be having problems.`, steps }
    }
    steps.push({ name: LOGIN, ok: true, durationMs: Date.now() - started, message: `HTTP ${withKey}: key accepted` })
    const second = Date.now()
    step = 'POST definition/get (no key)'
    const withoutKey = await statusOf(null)
    if (withoutKey !== 401) {
      steps.push({ name: 'POST definition/get (no key)', ok: false, durationMs: Date.now() - second, message: `HTTP ${withoutKey}, expected 401` })
      return {
        ok: false,
        stage: 'api',
        message: 'The server at this URL does not check API keys like Cloudback does. Check the base URL (https://app.cloudback.it).',
        steps
      }
    }
    steps.push({ name: 'POST definition/get (no key)', ok: true, durationMs: Date.now() - second, message: 'HTTP 401 as expected' })
    return {
      ok: true,
      message: `Cloudback accepted the API key (operations at ${client.confirmedBase ?? '/ops'}/). The Operations API has no read-only call, so the test looks up a definition that does not exist.`,
      steps,
      details: { base: client.confirmedBase ?? null }
    }
  } catch (err) {
    const stage = stageOf(err)
    steps.push({ name: step, ok: false, durationMs: Date.now() - started, message: err instanceof Error ? err.message : String(err) })
    return { ok: false, stage, message: err instanceof Error ? err.message : String(err), steps }
  } finally {
    await client.close().catch(() => undefined)
  }
}
