import type { Simulator } from '../../../../src/simulator'
import { startSimulator } from '../../../simulator/helpers'
import { createCloutilityClient, type CloutilityClient, type CloutilityConfig } from '../../../../src/main/core/providers/cloutility/client'
import { createLogger } from '../../../../src/main/core/log/logger'
import { memorySink } from '../../../support/memory-sink'
import { SecretRegistry } from '../../../../src/main/core/log/redact'
import type { AppError } from '../../../../src/shared/errors'

export async function startSim(seed = 11): Promise<Simulator> {
  return startSimulator({ scale: 'tiny', seed })
}

export interface TestClient {
  client: CloutilityClient
  secrets: SecretRegistry
  logs: ReturnType<typeof memorySink>
  logger: ReturnType<typeof createLogger>
}

export function makeClient(sim: Simulator, overrides: Partial<CloutilityConfig> = {}): TestClient {
  const secrets = new SecretRegistry()
  const logs = memorySink()
  const logger = createLogger({ sinks: [logs], secrets, level: 'debug' })
  const c = sim.cloutility.credentials
  const client = createCloutilityClient({
    baseUrl: sim.cloutility.url,
    clientId: c.clientId,
    origin: c.origin,
    username: c.username,
    password: c.password,
    logger,
    secrets,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...overrides
  })
  return { client, secrets, logs, logger }
}

export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    return err as AppError
  }
  throw new Error('expected the call to fail')
}

export const OAUTH = { provider: 'cloutility' as const, path: '/v1/oauth' }
