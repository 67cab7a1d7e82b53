import type { ProbeResult } from '../../../shared/model/connection'
import { assertSecretOrigin, type ConnectionRecord } from './connection-record'

/**
 * "Test connection" for one provider: a real login and one cheap call, reporting which step
 * failed. Receives the full record (secrets included), only once the registry has checked that
 * its base URL is on the origin its secrets are bound to. Must honour `signal`.
 */
export type ConnectionProbe = (record: ConnectionRecord, signal: AbortSignal) => Promise<ProbeResult>

/** The provider sessions register each module's probe here; connections.test looks it up. */
export class ProbeRegistry {
  private readonly probes = new Map<string, ConnectionProbe>()

  register(provider: string, probe: ConnectionProbe): () => void {
    const wrapped: ConnectionProbe = async (record, signal) => {
      // Every caller (Test connection, the offline retry) gets this check: no probe input
      // carries secrets to an origin they are not bound to.
      assertSecretOrigin(record)
      return probe(record, signal)
    }
    this.probes.set(provider, wrapped)
    return () => {
      if (this.probes.get(provider) === wrapped) this.probes.delete(provider)
    }
  }

  get(provider: string): ConnectionProbe | undefined {
    return this.probes.get(provider)
  }

  /** Removes whatever probe is registered for `provider`. */
  delete(provider: string): void {
    this.probes.delete(provider)
  }

  has(provider: string): boolean {
    return this.probes.has(provider)
  }
}
