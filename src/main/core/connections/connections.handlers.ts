import { AppError, isAppError, type ErrorCode } from '../../../shared/errors'
import type { ProbeResult, ProbeStage } from '../../../shared/model/connection'
import { assertSecretOrigin, type ConnectionRecord } from './connection-record'
import type { HandlerMap } from '../ipc/router'
import type { Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'
import type { ConnectionStore, PayloadVault } from './connection-store'
import type { ProbeRegistry } from './probe-registry'

type ConnectionsChannel = Extract<keyof HandlerMap, `connections.${string}`>
export type ConnectionsHandlers = Pick<HandlerMap, ConnectionsChannel>

export const PROBE_TIMEOUT_MS = 45_000

const STAGE_BY_CODE: Partial<Record<ErrorCode, ProbeStage>> = {
  AUTH_FAILED: 'credentials',
  FORBIDDEN: 'permission',
  PLAN_LIMIT: 'plan',
  OFFLINE: 'connect',
  TLS: 'tls',
  TIMEOUT: 'timeout',
  CANCELLED: 'timeout',
  UPSTREAM: 'api',
  UNREADABLE: 'api',
  RATE_LIMITED: 'api',
  NOT_FOUND: 'api',
  UNPROCESSABLE: 'api'
}

export function createConnectionsHandlers(deps: {
  connections: ConnectionStore
  vault: Pick<PayloadVault, 'onLock'>
  probes: ProbeRegistry
  /** Where a draft's secrets are registered for redaction and bound to their origin. */
  secrets: Pick<SecretRegistry, 'add'>
  logger: Logger
  probeTimeoutMs?: number
}): ConnectionsHandlers {
  const { connections, vault, probes, secrets } = deps
  const log = deps.logger.child('connections')

  const runProbe = async (record: ConnectionRecord): Promise<ProbeResult> => {
    // Before anything is sent: FORBIDDEN when the base URL is not where the secrets belong.
    assertSecretOrigin(record)
    const probe = probes.get(record.provider)
    if (!probe) {
      throw new AppError('NOT_SUPPORTED', `Testing ${connections.records.labelOf(record.provider)} connections is not available in this version of Backdesk yet.`)
    }
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new AppError('TIMEOUT', 'The test took too long.')), deps.probeTimeoutMs ?? PROBE_TIMEOUT_MS)
    const stopOnLock = vault.onLock(() => controller.abort(new AppError('LOCKED', 'The vault was locked during the test.')))
    try {
      return await probe(record, controller.signal)
    } catch (err) {
      if (isAppError(err) && (err.code === 'LOCKED' || err.code === 'VALIDATION')) throw err
      if (isAppError(err)) {
        return { ok: false, stage: STAGE_BY_CODE[err.code] ?? 'unknown', message: err.message }
      }
      log.error('connection test failed unexpectedly', { id: record.id, err })
      return { ok: false, stage: 'unknown', message: 'The test failed in an unexpected way; the details are in the log.' }
    } finally {
      clearTimeout(timer)
      stopOnLock()
    }
  }

  return {
    'connections.list': () => connections.list(),
    'connections.get': ({ id }) => connections.summary(id),
    'connections.create': (input) => connections.create(input),
    'connections.update': (input) => connections.update(input),
    'connections.duplicate': ({ id, name }) => connections.duplicate(id, name),
    'connections.delete': ({ id }) => connections.delete(id),
    'connections.test': async ({ id }) => {
      const record = connections.get(id)
      const result = await runProbe(record)
      if (result.ok) connections.notePassedTest(record)
      else connections.noteFailedTest(record, result.message)
      return result
    },
    'connections.testDraft': async (input) => {
      const record = connections.draft(input)
      // Never saved, so the vault has not registered its secrets: register them here, bound to
      // the origin they were entered for, so logs blank them and the HTTP door keeps them home.
      for (const value of Object.values(connections.records.secretsOf(record))) if (value) secrets.add(value, record.secretOrigin)
      return runProbe(record)
    }
  }
}
