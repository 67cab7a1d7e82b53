import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCloutilityHandlers } from '../../../../src/main/core/providers/cloutility/cloutility.handlers'
import { cloutilityJournal } from '../../../../src/main/core/providers/cloutility/journal'
import { createRequestTracker } from '../../../../src/main/core/journal/request-tracker'
import { withJournal } from '../../../../src/main/core/journal/with-journal'
import { channelTable } from '../../../../src/main/core/ipc/channel-table'
import { EventBus } from '../../../../src/main/core/events/event-bus'
import { createRouter, type HandlerMap, type Router } from '../../../../src/main/core/ipc/router'
import { createActivityJournal, type ActivityJournal } from '../../../../src/main/core/journal/activity-journal'
import { createJournalHandlers } from '../../../../src/main/core/journal/journal.handlers'
import type { SecretRegistry } from '../../../../src/main/core/log/redact'
import type { CloutilityClient } from '../../../../src/main/core/providers/cloutility/client'
import type { ChannelInput, ChannelName, ChannelOutput, TopicName } from '../../../../src/shared/contract'
import { AppError, type ErrorInfo, type Result } from '../../../../src/shared/errors'
import type { Simulator } from '../../../../src/simulator'
import { startSimulator } from '../../../simulator/helpers'
import { vaultIn } from '../../storage/vault-keys'
import { makeClient } from './helpers'

export const CONNECTION = 'conn-cloutility-1'

export interface Harness {
  sim: Simulator
  client: CloutilityClient
  router: Router
  journal: ActivityJournal
  secrets: SecretRegistry
  saved: Array<{ connectionId: string; nodeId: string; nodeName: string; password: string }>
  /** Set to make the next vault saves fail (locked vault). */
  vaultFails: { value: boolean }
  events: Array<{ topic: TopicName; payload: unknown }>
  dataDir: string
  /** Calls a channel through the real router (zod validation, leak guard); throws the error info. */
  call<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<ChannelOutput<K>>
  /** The raw JSON answer, for leak scans. */
  raw(name: ChannelName, input: unknown): Promise<string>
  fail(name: ChannelName, input: unknown): Promise<ErrorInfo>
  stop(): Promise<void>
}

export async function startHarness(options: { seed?: number; scale?: 'tiny' | 'small' | 'demo' } = {}): Promise<Harness> {
  const sim = await startSimulator({ scale: options.scale ?? 'tiny', seed: options.seed ?? 5 })
  const tracker = createRequestTracker()
  const { client, secrets, logger } = makeClient(sim, { onResponse: tracker.onResponse })
  const dataDir = mkdtempSync(join(tmpdir(), 'backdesk-cloutility-'))
  // The journal is sealed under the vault: a real one, unlocked.
  const vault = await vaultIn(dataDir)
  await vault.unlock()
  const journal = createActivityJournal({ dataDir, keys: vault.keys, secrets })
  const bus = new EventBus()
  const events: Harness['events'] = []
  bus.subscribe((topic, payload) => events.push({ topic, payload }))
  const saved: Harness['saved'] = []
  const vaultFails = { value: false }
  const clientFor = async (id: string) => {
    if (id !== CONNECTION) throw new AppError('NOT_FOUND', 'No such connection')
    return client
  }
  // The handlers as core serves them: every change through the journal layer.
  const cloutility = createCloutilityHandlers({
    clientFor,
    nodeCredentials: {
      save: async (connectionId, nodeId, nodeName, password) => {
        if (vaultFails.value) throw new AppError('LOCKED', 'The vault is locked.')
        saved.push({ connectionId, nodeId, nodeName, password })
      },
      // The write-ahead itself is tested against the real vault (node-password-change.test.ts).
      beginChange: async (connectionId, nodeId, nodeName, password) => {
        if (vaultFails.value) throw new AppError('LOCKED', 'The vault is locked.')
        return {
          confirm: async () => void saved.push({ connectionId, nodeId, nodeName, password }),
          abandon: async () => undefined
        }
      }
    },
    logger
  })
  const handlers = {
    ...withJournal(cloutility, { domain: 'cloutility', channels: channelTable([]), journal, requests: tracker, describer: cloutilityJournal(clientFor, bus), logger }),
    ...createJournalHandlers(journal)
  } as unknown as HandlerMap
  const router = createRouter({ handlers, logger, secrets })

  const dispatch = async (name: ChannelName, input: unknown): Promise<Result<unknown>> => router.dispatch(name, input, 'test')
  return {
    sim,
    client,
    router,
    journal,
    secrets,
    saved,
    vaultFails,
    events,
    dataDir,
    async call(name, input) {
      const result = await dispatch(name, input)
      if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code} ${result.error.message}`), { info: result.error })
      return result.value as never
    },
    raw: (name, input) => router.dispatchJson(name, input, 'test'),
    async fail(name, input) {
      const result = await dispatch(name, input)
      if (result.ok) throw new Error(`${name} was expected to fail`)
      return result.error
    },
    async stop() {
      await journal.dispose()
      vault.vault.dispose()
      await client.destroy()
      await sim.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
