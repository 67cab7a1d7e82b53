// The Cloutility provider module (see ../provider-module.ts).

import type { ProbeResult } from '../../../../shared/model/connection'
import { defineProvider } from '../provider-module'
import { cloutilityDemo } from './demo'
import { cloutilityCredentials } from './credential-import'
import { cloutilitySearchItems, CUSTOMERS_NODES_CHANNEL } from './search'
import { createCloutilityClient, type CloutilityClient } from './client'
import { createCloutilityHandlers } from './cloutility.handlers'
import { cloutilityCustomers } from './customers'
import { cloutilityFleetRows } from './fleet'
import { cloutilityJournal } from './journal'
import { testCloutilityConnection, type CloutilityProbeResult } from './probe'
import { cloutilityRecord, type CloutilityConnection } from './record'
import { cloutilitySource } from './reports'

function configOf(record: CloutilityConnection) {
  return {
    baseUrl: record.baseUrl,
    clientId: record.clientId,
    origin: record.origin,
    username: record.username,
    password: record.password,
    ...(record.customCa ? { ca: record.customCa } : {})
  }
}

/** Cloutility's probe reports its own shape; the screen wants the shared ProbeResult. */
function toProbeResult(result: CloutilityProbeResult): ProbeResult {
  if (result.ok) {
    const d = result.details
    const refresh =
      d.refresh === 'ok' ? '' : ' This API app may not refresh tokens, so Backdesk logs in again every few minutes.'
    return {
      ok: true,
      message: `Logged in as ${d.displayName ?? d.user} at ${d.businessUnit.name} (Cloutility ${d.version}).${refresh}`,
      account: d.businessUnit.name,
      steps: [
        { name: 'Login', ok: true },
        { name: 'GET /v1/me', ok: true }
      ],
      details: { businessUnitId: d.businessUnit.id, version: d.version, refresh: d.refresh }
    }
  }
  const stage =
    result.step === 'connect'
      ? result.code === 'TLS'
        ? 'tls'
        : result.code === 'TIMEOUT'
          ? 'timeout'
          : 'connect'
      : result.reason === 'redirect'
        ? 'redirect'
        : result.reason === 'origin'
          ? 'origin'
          : result.reason === 'client_id'
            ? 'client'
            : result.reason === 'credentials'
              ? 'credentials'
              : result.code === 'FORBIDDEN'
                ? 'permission'
                : result.step === 'login'
                  ? 'credentials'
                  : 'api'
  return {
    ok: false,
    stage,
    message: result.message,
    steps: [{ name: result.step === 'connect' ? 'Connect' : result.step === 'login' ? 'Login' : 'GET /v1/me', ok: false, message: result.message }],
    ...(result.requestId ? { details: { requestId: result.requestId } } : {})
  }
}

export const cloutilityProvider = defineProvider<CloutilityConnection, CloutilityClient>({
  kind: 'cloutility',
  label: 'Cloutility',
  docsHosts: ['docs.safespring.com', 'www.ibm.com', 'portal.backup.sto2.safedc.net'],
  record: cloutilityRecord,
  searchItems: cloutilitySearchItems,
  searchCoverage: { objects: 'nodes', complete: [CUSTOMERS_NODES_CHANNEL] },
  credentialImport: cloutilityCredentials,
  demo: cloutilityDemo,
  createClient: (record, deps) =>
    createCloutilityClient({
      ...configOf(record),
      logger: deps.logger,
      secrets: deps.secrets,
      ...(deps.onResponse ? { onResponse: deps.onResponse } : {})
    }),
  probe: async (record, deps, signal) =>
    toProbeResult(await testCloutilityConnection({ ...configOf(record), logger: deps.logger, secrets: deps.secrets }, { signal })),
  start: (ctx) => ({
    handlers: createCloutilityHandlers({
      clientFor: ctx.clientFor,
      nodeCredentials: ctx.nodeCredentials,
      logger: ctx.logger
    }),
    journal: cloutilityJournal(ctx.clientFor, ctx.events),
    fleetRows: cloutilityFleetRows(ctx.clientFor),
    report: cloutilitySource(ctx.clientFor),
    customers: cloutilityCustomers(ctx.clientFor)
  })
})
