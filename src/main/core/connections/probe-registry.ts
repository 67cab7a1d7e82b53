import type { ProbeResult, ProviderKind } from '../../../shared/model/connection'
import { assertSecretOrigin, type ConnectionOf, type ConnectionRecord } from './connection-record'

/**
 * "Test connection" for one provider: a real login and one cheap call, reporting which step
 * failed. Receives the full record (secrets included), only once the registry has checked that
 * its base URL is on the origin its secrets are bound to. Must honour `signal`.
 */
export type ConnectionProbe<P extends ProviderKind = ProviderKind> = (
  record: ConnectionOf<P>,
  signal: AbortSignal
) => Promise<ProbeResult>

/** Provider code registers its probe here (core.ts wiring); connections.test looks it up. */
export class ProbeRegistry {
  private readonly probes = new Map<ProviderKind, (record: ConnectionRecord, signal: AbortSignal) => Promise<ProbeResult>>()

  register<P extends ProviderKind>(provider: P, probe: ConnectionProbe<P>): () => void {
    const wrapped = async (record: ConnectionRecord, signal: AbortSignal) => {
      // Every caller (Test connection, the offline retry) gets this check: no probe input
      // carries secrets to an origin they are not bound to.
      assertSecretOrigin(record)
      return probe(record as ConnectionOf<P>, signal)
    }
    this.probes.set(provider, wrapped)
    return () => {
      if (this.probes.get(provider) === wrapped) this.probes.delete(provider)
    }
  }

  get(provider: ProviderKind): ((record: ConnectionRecord, signal: AbortSignal) => Promise<ProbeResult>) | undefined {
    return this.probes.get(provider)
  }

  /** Removes whatever probe is registered for `provider`. */
  delete(provider: ProviderKind): void {
    this.probes.delete(provider)
  }

  has(provider: ProviderKind): boolean {
    return this.probes.has(provider)
  }
}
