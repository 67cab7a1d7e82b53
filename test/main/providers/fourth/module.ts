// A fourth provider, test-only: everything a provider is, in one folder, registered through
// createCore's module list. Nothing outside this folder and its test knows it exists.
import { z } from 'zod'
import { defineChannel, Id } from '../../../../src/shared/contract/define'
import { baseUrlProblem } from '../../../../src/shared/contract/connections.contract'
import type { FleetRow } from '../../../../src/shared/model/fleet'
import { AppError } from '../../../../src/shared/errors'
import { recordBase, SecretValue } from '../../../../src/main/core/connections/record-base'
import { createHttpClient, isHttpError, type HttpClient } from '../../../../src/main/core/http'
import { defineProvider, type ClientDeps } from '../../../../src/main/core/providers/provider-module'
import type { FourthItem } from './server'

export const FourthRecord = z.object({ provider: z.literal('fourth'), ...recordBase, apiKey: SecretValue }).strict()
type FourthConnection = z.infer<typeof FourthRecord>

const BaseUrl = z.string().trim().min(1).max(2048).refine((v) => baseUrlProblem(v) === null, 'Enter a usable base URL')
const common = { name: z.string().trim().min(1).max(120), customer: z.string().trim().max(120).default(''), tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]), demo: z.boolean().optional() }

export const fourthChannels = {
  'fourth.items.list': defineChannel<FourthItem[]>()(z.object({ connectionId: Id }).strict())
} as const

class FourthClient {
  private readonly http: HttpClient
  constructor(
    private readonly record: FourthConnection,
    deps: ClientDeps
  ) {
    this.http = createHttpClient({
      baseUrl: record.baseUrl,
      name: 'fourth',
      label: 'Fourth',
      logger: deps.logger,
      secrets: deps.secrets,
      retry: { retries: 0 },
      ...(deps.onResponse ? { onResponse: deps.onResponse } : {})
    })
  }

  async items(signal?: AbortSignal): Promise<FourthItem[]> {
    const res = await this.http.request<FourthItem[]>({ method: 'GET', path: '/items', headers: { 'x-api-key': this.record.apiKey }, ...(signal ? { signal } : {}) })
    return res.body
  }

  close(): Promise<void> {
    return this.http.close()
  }
}

export const fourthProvider = defineProvider<FourthConnection, FourthClient>({
  kind: 'fourth',
  label: 'Fourth',
  docsHosts: ['docs.fourth.example'],
  record: {
    schema: FourthRecord,
    secretsOf: (r) => ({ apiKey: r.apiKey }),
    secretFields: () => [{ field: 'apiKey', label: 'API key' }],
    summary: (r) => ({ secrets: { apiKey: r.apiKey.length > 0 } }),
    create: (input, base) => ({ provider: 'fourth', ...base, apiKey: String(input['apiKey']) }),
    patch(next, input) {
      if (input['apiKey'] !== undefined) next['apiKey'] = input['apiKey']
    }
  },
  contract: {
    create: z.object({ provider: z.literal('fourth'), ...common, baseUrl: BaseUrl, apiKey: SecretValue }).strict(),
    update: z
      .object({ provider: z.literal('fourth'), id: Id, name: common.name.optional(), customer: z.string().trim().max(120).optional(), baseUrl: BaseUrl.optional(), apiKey: SecretValue.optional() })
      .strict(),
    channels: fourthChannels
  },
  searchItems: (channel, _input, value) =>
    channel === 'fourth.items.list' && Array.isArray(value)
      ? (value as FourthItem[]).map((i) => ({ key: `item:${i.id}`, kind: 'repository' as const, label: i.name, detail: i.status, params: { item: i.id } }))
      : [],
  createClient: (record, deps) => new FourthClient(record, deps),
  async probe(record, deps, signal) {
    const client = new FourthClient(record, deps)
    try {
      const items = await client.items(signal)
      return { ok: true, message: `The key works; ${items.length} items.`, steps: [{ name: 'GET /items', ok: true }] }
    } catch (err) {
      const status = isHttpError(err) ? err.status : undefined
      if (status === 401 || (err instanceof AppError && err.code === 'AUTH_FAILED')) return { ok: false, stage: 'credentials', message: 'The API key was refused.' }
      throw err
    } finally {
      await client.close()
    }
  },
  start: (ctx) => ({
    handlers: { 'fourth.items.list': async ({ connectionId }: { connectionId: string }) => (await ctx.clientFor(connectionId)).items() },
    async fleetRows(c, signal) {
      const items = await (await ctx.clientFor(c.id)).items(signal)
      return items.map(
        (i): FleetRow => ({
          key: `fourth:${c.id}:item:${i.id}`,
          connectionId: c.id,
          connectionName: c.name,
          provider: c.provider,
          customer: c.customer,
          kind: 'fourth-item' as FleetRow['kind'],
          object: i.name,
          status: i.status === 'ok' ? 'ok' : 'failed',
          detail: i.status === 'ok' ? 'Backed up' : 'The last backup failed',
          lastBackup: i.lastBackup,
          ...(i.status === 'ok' ? { lastSuccess: i.lastBackup } : {}),
          ids: {}
        })
      )
    },
    customers: {
      itemKind: () => 'Items',
      read: async (c) => (await (await ctx.clientFor(c.id)).items()).map((i) => ({ id: i.id, label: i.name, detail: i.status, status: i.status === 'ok' ? ('ok' as const) : ('error' as const) }))
    }
  })
})
