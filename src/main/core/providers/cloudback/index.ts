// The Cloudback provider module (see ../provider-module.ts). Cloudback has no list call, so the
// definitions a technician looked up are tracked (sealed, per connection) by its service.

import { defineProvider } from '../provider-module'
import { cloudbackCredentials } from './credential-import'
import { cloudbackSearchItems } from './search'
import { createCloudbackClient, type CloudbackClient, type CloudbackConfig } from './client'
import { createCloudbackHandlers } from './cloudback.handlers'
import { CloudbackService } from './cloudback.service'
import { cloudbackCustomers } from './customers'
import { cloudbackDemo, demoDefinitions } from './demo'
import { cloudbackFleetRows } from './fleet'
import { cloudbackJournal } from './journal'
import { testCloudbackConnection } from './probe'
import { cloudbackRecord, type CloudbackConnection } from './record'
import { cloudbackSource } from './reports'

function configOf(record: CloudbackConnection): CloudbackConfig {
  return { baseUrl: record.baseUrl, apiKey: record.apiKey, ...(record.customCa ? { customCa: record.customCa } : {}) }
}

export const cloudbackProvider = defineProvider<CloudbackConnection, CloudbackClient>({
  kind: 'cloudback',
  label: 'Cloudback',
  docsHosts: ['docs.cloudback.it', 'app.cloudback.it'],
  record: cloudbackRecord,
  searchItems: cloudbackSearchItems,
  searchCoverage: { objects: 'repositories', complete: ['cloudback.tracked.list'] },
  credentialImport: cloudbackCredentials,
  demo: cloudbackDemo,
  createClient: (record, deps) =>
    createCloudbackClient(configOf(record), {
      logger: deps.logger,
      secrets: deps.secrets,
      ...(deps.onResponse ? { http: { onResponse: deps.onResponse } } : {})
    }),
  probe: (record, deps, signal) => testCloudbackConnection(configOf(record), { signal, logger: deps.logger, secrets: deps.secrets }),
  start: (ctx) => {
    const service = new CloudbackService({ dataDir: ctx.dataDir, keys: ctx.keys, logger: ctx.logger, clientFor: ctx.clientFor })
    const tracked = (id: string) => service.list(id)
    return {
      handlers: createCloudbackHandlers({ service }),
      fleetRows: cloudbackFleetRows(ctx.clientFor, tracked),
      report: cloudbackSource(ctx.clientFor, tracked),
      customers: cloudbackCustomers(ctx.clientFor, tracked),
      journal: cloudbackJournal(tracked),
      // Cloudback has no list call: track a few demo repositories so its screens have rows.
      async demoCreated(connectionId, simulator) {
        for (const subject of demoDefinitions(simulator)) {
          await service.lookup(connectionId, subject).catch((err: unknown) => ctx.logger.warn('demo definition not tracked', { err }))
        }
      },
      dispose: () => service.dispose()
    }
  }
})
