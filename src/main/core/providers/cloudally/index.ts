// The CloudAlly provider module (see ../provider-module.ts). Its restore tracker (restores and
// downloads started here, followed to the end, kept sealed) is per core, so it lives in `start`.

import { defineProvider } from '../provider-module'
import { cloudAllyDemo } from './demo'
import { cloudAllyCredentials } from './credential-import'
import { cloudAllySearchItems } from './search'
import { createCloudAllyClient, type CloudAllyClient, type CloudAllyConfig } from './client'
import { createCloudAllyHandlers } from './cloudally.handlers'
import { cloudAllyCustomers } from './customers'
import { cloudAllyFleetRows } from './fleet'
import { cloudAllyJournal } from './journal'
import { testCloudAllyConnection } from './probe'
import { cloudAllyRecord, type CloudAllyConnection } from './record'
import { cloudAllySource } from './reports'
import { RestoreTracker } from './restore-tracker'
import { createRestoreHandlers } from './restores.handlers'

function configOf(record: CloudAllyConnection): CloudAllyConfig {
  return {
    baseUrl: record.baseUrl,
    mode: record.mode,
    email: record.email,
    password: record.password,
    ...(record.clientId ? { clientId: record.clientId } : {}),
    ...(record.clientSecret ? { clientSecret: record.clientSecret } : {}),
    ...(record.customCa ? { customCa: record.customCa } : {})
  }
}

export const cloudAllyProvider = defineProvider<CloudAllyConnection, CloudAllyClient>({
  kind: 'cloudally',
  label: 'CloudAlly',
  docsHosts: ['www.cloudally.com', 'support.cloudally.com', 'api.cloudally.com'],
  record: cloudAllyRecord,
  searchItems: cloudAllySearchItems,
  searchCoverage: { objects: 'tasks', complete: ['cloudally.tasks.list', 'cloudally.backupTasks.list'] },
  credentialImport: cloudAllyCredentials,
  demo: cloudAllyDemo,
  createClient: (record, deps) =>
    createCloudAllyClient(configOf(record), {
      logger: deps.logger,
      secrets: deps.secrets,
      ...(deps.onResponse ? { http: { onResponse: deps.onResponse } } : {})
    }),
  probe: (record, deps, signal) => testCloudAllyConnection(configOf(record), { signal, logger: deps.logger, secrets: deps.secrets }),
  start: (ctx) => {
    // Restores started before a lock or a restart continue at the next unlock (the tracker loads
    // its history then).
    const tracker = new RestoreTracker({
      dataDir: ctx.dataDir,
      keys: ctx.keys,
      events: ctx.events,
      logger: ctx.logger,
      platform: ctx.platform,
      clientFor: ctx.clientFor
    })
    return {
      handlers: { ...createCloudAllyHandlers({ clientFor: ctx.clientFor, tracker }), ...createRestoreHandlers({ tracker }) },
      fleetRows: cloudAllyFleetRows(ctx.clientFor),
      report: cloudAllySource(ctx.clientFor, (id) => tracker.list({ connectionId: id })),
      customers: cloudAllyCustomers(ctx.clientFor),
      journal: cloudAllyJournal(
        (id) => ctx.connection(id).email ?? '',
        async (id) => {
          await tracker.init()
          return tracker.get(id)
        }
      ),
      dispose: () => tracker.dispose()
    }
  }
})
