import { AppError, isAppError, type ErrorCode } from '../../../shared/errors'
import type { ProbeResult, ProbeStage } from '../../../shared/model/connection'
import { assertSecretOrigin } from './connection-record'
import type { HandlerMap } from '../ipc/router'
import type { Logger } from '../log/logger'
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
  logger: Logger
  probeTimeoutMs?: number
}): ConnectionsHandlers {
  const { connections, vault, probes } = deps
  const log = deps.logger.child('connections')
  return {
    'connections.list': () => connections.list(),
    'connections.get': ({ id }) => connections.summary(id),
    'connections.create': (input) => connections.create(input),
    'connections.update': (input) => connections.update(input),
    'connections.duplicate': ({ id, name }) => connections.duplicate(id, name),
    'connections.delete': ({ id }) => connections.delete(id),
    'connections.test': async ({ id }): Promise<ProbeResult> => {
      const record = connections.get(id)
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
        const result = await probe(record, controller.signal)
        if (result.ok) connections.notePassedTest(record)
        else connections.noteFailedTest(record, result.message)
        return result
      } catch (err) {
        if (isAppError(err) && (err.code === 'LOCKED' || err.code === 'VALIDATION')) throw err
        if (isAppError(err)) {
          connections.noteFailedTest(record, err.message)
          return { ok: false, stage: STAGE_BY_CODE[err.code] ?? 'unknown', message: err.message }
        }
        log.error('connection test failed unexpectedly', { id, err })
        const message = 'The test failed in an unexpected way; the details are in the log.'
        connections.noteFailedTest(record, message)
        return { ok: false, stage: 'unknown', message }
      } finally {
        clearTimeout(timer)
        stopOnLock()
      }
    }
  }
}
