import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCloudAllyClient, type CloudAllyClient, type CloudAllyConfig } from '../../../../src/main/core/providers/cloudally/client'
import { createCloudAllyHandlers } from '../../../../src/main/core/providers/cloudally/cloudally.handlers'
import type { RestoreTracker } from '../../../../src/main/core/providers/cloudally/restore-tracker'
import type { Simulator } from '../../../../src/simulator'
import { startSimulator } from '../../../simulator/helpers'

// cloudally.restore.choices over real HTTP against the simulator: a task's snapshots and entities,
// as the restore form offers them, and the picked values accepted by POST /v1/restore.

describe('cloudally.restore.choices', () => {
  let sim: Simulator
  const clients: CloudAllyClient[] = []
  beforeAll(async () => {
    sim = await startSimulator({ scale: 'tiny', seed: 11 })
  })
  afterAll(() => sim.stop())
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })

  const make = (over: Partial<CloudAllyConfig> = {}) => {
    const c = sim.cloudally.credentials
    const client = createCloudAllyClient({ baseUrl: sim.cloudally.url, mode: 'partner', clientId: c.clientId, clientSecret: c.clientSecret, email: c.partnerEmail, password: c.partnerPassword, ...over })
    clients.push(client)
    return client
  }
  // The choices channel never touches the tracker: it reads.
  const handlersFor = (client: CloudAllyClient) => createCloudAllyHandlers({ clientFor: async () => client, tracker: {} as RestoreTracker })
  const ctx = { shell: 'test' as const, requestId: 'x', allowSecret: () => undefined }

  it('answers the task\'s snapshots newest first, within its life, and its entities by name', async () => {
    const task = sim.cloudally.data.tasks.find((t) => t.lastBackupMs !== null && t.numOfEntities > 3)!
    const choices = await handlersFor(make())['cloudally.restore.choices']({ connectionId: 'c1', taskId: task.id }, ctx)
    expect(choices.taskId).toBe(task.id)
    expect(choices.snapshots.length).toBeGreaterThan(0)
    expect(choices.snapshots[0]).toBe(new Date(task.lastBackupMs!).toISOString())
    const ms = choices.snapshots.map((s) => Date.parse(s))
    expect(ms).toEqual([...ms].sort((a, b) => b - a))
    expect(ms.every((m) => m >= task.createdMs && m <= task.lastBackupMs!)).toBe(true)
    expect(choices.entities.length).toBe(Math.min(task.numOfEntities, 200))
    expect(choices.entities.every((e) => e.id && e.name)).toBe(true)
  })

  it('a task that never ran has no snapshot to offer', async () => {
    const task = sim.cloudally.data.tasks.find((t) => t.lastBackupMs === null)
    if (!task) return expect(sim.cloudally.data.tasks.every((t) => t.lastBackupMs !== null)).toBe(true)
    const choices = await handlersFor(make())['cloudally.restore.choices']({ connectionId: 'c1', taskId: task.id }, ctx)
    expect(choices.snapshots).toEqual([])
  })

  it('a portal user reads the choices of their own tasks only', async () => {
    const c = sim.cloudally.credentials
    const user = sim.cloudally.data.users.find((u) => u.email === c.portalEmail)!
    const portal = handlersFor(make({ mode: 'user', email: c.portalEmail, password: c.portalPassword }))
    const own = sim.cloudally.data.tasks.find((t) => t.userId === user.id && t.lastBackupMs !== null)!
    const other = sim.cloudally.data.tasks.find((t) => t.userId !== user.id)!
    expect((await portal['cloudally.restore.choices']({ connectionId: 'c1', taskId: own.id }, ctx)).taskId).toBe(own.id)
    await expect(portal['cloudally.restore.choices']({ connectionId: 'c1', taskId: other.id }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('an older snapshot and an entity picked from the choices are what the restore job uses', async () => {
    const task = sim.cloudally.data.tasks.find((t) => t.lastBackupMs !== null && t.numOfEntities > 3 && t.createdMs < t.lastBackupMs - 3 * 86_400_000)!
    const client = make()
    const choices = await handlersFor(client)['cloudally.restore.choices']({ connectionId: 'c1', taskId: task.id }, ctx)
    const snapshot = choices.snapshots[choices.snapshots.length - 1]!
    const entity = choices.entities[1]!.name
    const job = await client.createRestore({ taskId: task.id, kind: 'restore', snapshotDate: snapshot, entities: [entity] })
    expect(job.snapshotDate).toBe(snapshot)
    expect(sim.cloudally.data.restores.get(job.jobId!)).toMatchObject({ snapshotDate: snapshot, entities: [entity] })
  })
})
