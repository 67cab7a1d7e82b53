// Team workspace sync at scale: 20 members, 500 shared connections, a repository served over
// smart HTTP by `git http-backend` on 127.0.0.1. Two real cores (the member who shares and the
// one who clones); the other 18 members are identities made here, as their computers would.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ConnectionRecord } from '../../src/main/core/connections/connection-record'
import { formatPublicLine, memberKeysOf, newTeamIdentity } from '../../src/main/core/workspace/identity'
import { cleanupDirs, tmpDir } from '../main/vault/helpers'
import { bareRepo, disposeCores, gitHttpServer, startCore } from '../main/workspace/harness'
import { summarise, type Figure } from './harness'

const MEMBERS = 20
const CONNECTIONS = 500
const TOKEN = 'bench-token'

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return Math.round(performance.now() - start)
}

export async function benchWorkspace(runs = 3): Promise<Figure[]> {
  const root = tmpDir('backdesk-bench-git-')
  bareRepo(root)
  const server = await gitHttpServer(root, TOKEN)
  const url = `${server.url}/team.git`
  try {
    const a = await startCore()
    const b = await startCore()
    const aLine = (await a.ok('workspace.identity', { name: 'Member 1' })).line as string
    const bLine = (await b.ok('workspace.identity', { name: 'Member 2' })).line as string
    await a.ok('workspace.create', { remote: url, token: TOKEN, name: 'Member 1' })
    await a.ok('workspace.members.add', { line: bLine })
    const others: string[] = []
    for (let i = 3; i <= MEMBERS; i++) {
      const identity = await newTeamIdentity(`Member ${i}`, new Date())
      const keys = await memberKeysOf(identity)
      await a.ok('workspace.members.add', { line: formatPublicLine(keys, identity.name) })
      others.push(keys.id)
    }

    const at = new Date().toISOString()
    const records: ConnectionRecord[] = Array.from({ length: CONNECTIONS }, (_, i) => ({
      provider: 'cloudback',
      id: `bench-${String(i).padStart(4, '0')}-0000-0000-000000000000`,
      name: `Connection ${i}`,
      customer: `Customer ${i % 40}`,
      tags: ['bench'],
      baseUrl: `https://host${i}.example`,
      secretOrigin: `https://host${i}.example`,
      demo: false,
      createdAt: at,
      updatedAt: at,
      apiKey: `bench-api-key-${i}-${'x'.repeat(24)}`
    }))
    await a.core.vault.connections.importContent({ connections: records, nodeCredentials: [] }, 'merge')
    await a.ok('workspace.share', { ids: records.map((r) => r.id), mode: 'move' })

    // Initial clone: join (fetch, verify the members log, decrypt and verify 500 entries,
    // materialise them). Each run starts from an empty clone folder.
    const clone: number[] = []
    for (let i = 0; i < runs; i++) {
      if (i > 0) {
        await b.ok('workspace.leave', { confirm: 'leave' })
        rmSync(join(b.dir, 'workspace'), { recursive: true, force: true })
      }
      clone.push(await timed(() => b.ok('workspace.join', { remote: url, token: TOKEN, name: 'Member 2', inviter: aLine })))
    }
    const shared = (await b.ok('workspace.status')).sharedCount as number
    if (shared !== CONNECTIONS) throw new Error(`the clone materialised ${shared} connections, not ${CONNECTIONS}`)

    // Incremental: one connection changed by A, then B syncs.
    const incremental: number[] = []
    for (let i = 0; i < runs * 2; i++) {
      await a.ok('connections.update', { id: records[i]!.id, provider: 'cloudback', name: `Connection ${i} (renamed ${i})` })
      await a.core.workspace.settle()
      incremental.push(await timed(() => b.ok('workspace.sync')))
    }
    const renamed = (await b.ok('connections.get', { id: records[0]!.id })).name as string
    if (!renamed.includes('renamed')) throw new Error('the incremental sync did not bring the change')

    // Removal: sync, new members document, 500 entries sealed again to the remaining members, push.
    const removal: number[] = []
    for (let i = 0; i < runs; i++) {
      const id = others[i]!
      removal.push(await timed(() => a.ok('workspace.members.remove', { memberId: id, confirmId: id })))
    }

    const note = `${MEMBERS} members (the removals leave ${MEMBERS - runs}), ${CONNECTIONS} shared connections, git http-backend on 127.0.0.1`
    return [
      summarise(`Workspace sync (${MEMBERS} members, ${CONNECTIONS} connections): initial clone`, 'ms', clone, undefined, note),
      summarise(`Workspace sync (${MEMBERS} members, ${CONNECTIONS} connections): incremental, one change`, 'ms', incremental, undefined, note),
      summarise(`Workspace sync (${MEMBERS} members, ${CONNECTIONS} connections): re-encryption after a removal`, 'ms', removal, undefined, note)
    ]
  } finally {
    await disposeCores()
    await server.close()
    cleanupDirs()
  }
}
