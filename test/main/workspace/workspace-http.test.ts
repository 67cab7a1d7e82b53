import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Encrypter } from 'age-encryption'
import { afterEach, describe, expect, it } from 'vitest'
import { signValue } from '../../../src/main/core/workspace/identity'
import { cleanupDirs, PASS, tmpDir } from '../vault/helpers'
import {
  allObjects,
  allowPushes,
  bareRepo,
  disposeCores,
  gitClone,
  gitCommitPush,
  gitHttpServer,
  refusePushes,
  startCore,
  type GitServer,
  type TestCore
} from './harness'

const TOKEN = 'CANARY-git-token-8b1e55'
const CANARY = {
  password: 'CANARY-team-pw-"<&>\\-51a0',
  apiKey: 'CANARY-team-key-77c2',
  clientSecret: 'CANARY-team-secret-e93f'
}
// Names the git host must never learn.
const PRIVATE_NAMES = ['Alice', 'Bob', 'Carol', 'Acme', 'portal.acme.example', 'tech@acme.example', 'globex']

const servers: GitServer[] = []
afterEach(async () => {
  await disposeCores()
  for (const s of servers.splice(0)) await s.close()
  cleanupDirs()
})

async function served() {
  const root = tmpDir('backdesk-git-')
  const repo = bareRepo(root)
  const server = await gitHttpServer(root, TOKEN)
  servers.push(server)
  return { repo, server, url: `${server.url}/team.git` }
}

async function member(name: string): Promise<TestCore & { line: string; name: string }> {
  const t = await startCore()
  const { line } = await t.ok('workspace.identity', { name })
  return Object.assign(t, { line: line as string, name })
}

async function teamOf(url: string, names: string[]) {
  const [first, ...rest] = await Promise.all(names.map((n) => member(n)))
  const a = first as Awaited<ReturnType<typeof member>>
  await a.ok('workspace.create', { remote: url, token: TOKEN, name: a.name })
  for (const m of rest) {
    await a.ok('workspace.members.add', { line: m.line })
    await m.ok('workspace.join', { remote: url, token: TOKEN, name: m.name, inviter: a.line })
  }
  return [a, ...rest]
}

async function share(t: TestCore, input: Record<string, unknown>) {
  const made = await t.ok('connections.create', input)
  await t.ok('workspace.share', { ids: [made.id], mode: 'move' })
  return made.id as string
}

const acme = {
  provider: 'cloutility',
  name: 'Acme portal',
  customer: 'Acme',
  baseUrl: 'https://portal.acme.example',
  clientId: 'acme-client',
  origin: 'https://portal.acme.example',
  username: 'tech@acme.example',
  password: CANARY.password
}
const globex = { provider: 'cloudback', name: 'globex repos', customer: 'globex', baseUrl: 'https://api.cloudback.example', apiKey: CANARY.apiKey }

function newestMembers(work: string): { seq: number; members: Array<{ recipient: string }> } {
  const newest = readdirSync(join(work, 'members')).sort().at(-1) as string
  return JSON.parse(readFileSync(join(work, 'members', newest), 'utf8')) as { seq: number; members: Array<{ recipient: string }> }
}

async function edit(t: TestCore, id: string, name: string) {
  const summary = await t.ok('connections.get', { id })
  await t.ok('connections.update', { id, provider: summary.provider, name })
  await t.core.workspace.settle()
}

describe('team workspace over smart HTTP (git http-backend)', () => {
  it('sends the token to the repository and shares entries both ways; the host sees no name and no secret', async () => {
    const { repo, server, url } = await served()
    const [a, b] = await teamOf(url, ['Alice', 'Bob'])
    const acmeId = await share(a!, acme)
    await b!.ok('workspace.sync')
    expect(await b!.ok('connections.get', { id: acmeId })).toMatchObject({ name: 'Acme portal', team: { updatedBy: 'Alice' } })
    const globexId = await share(b!, globex)
    await a!.ok('workspace.sync')
    expect(await a!.ok('connections.get', { id: globexId })).toMatchObject({ name: 'globex repos', team: { updatedBy: 'Bob' } })
    expect(a!.core.vault.connections.get(globexId)).toMatchObject({ apiKey: CANARY.apiKey })

    // Every request carried the token; nothing was fetched without it.
    expect(server.requests.length).toBeGreaterThan(4)
    for (const r of server.requests) expect(r.authorization).toBe(`Basic ${Buffer.from(`backdesk:${TOKEN}`).toString('base64')}`)

    const objects = allObjects(repo).toString('latin1')
    for (const value of [...Object.values(CANARY), TOKEN, ...PRIVATE_NAMES]) expect(objects).not.toContain(value)
    // Only opaque names in the tree.
    const files = (await a!.core.workspace.status()).members.length
    expect(files).toBe(2)
    for (const t of [a!, b!]) {
      for (const answer of t.answers) for (const value of [...Object.values(CANARY), TOKEN]) expect(answer).not.toContain(value)
      const logs = JSON.stringify(t.sink.records)
      for (const value of [...Object.values(CANARY), TOKEN]) expect(logs).not.toContain(value)
      for (const e of t.events) for (const value of [...Object.values(CANARY), TOKEN]) expect(JSON.stringify(e)).not.toContain(value)
    }
  })

  it('refuses to join without the inviter being the one who added you, and without being added at all', async () => {
    const { url } = await served()
    const [a] = await teamOf(url, ['Alice'])
    const stranger = await member('Mallory')
    const notAdded = await stranger.call('workspace.join', { remote: url, token: TOKEN, name: 'Mallory', inviter: a!.line })
    expect(notAdded).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    if (!notAdded.ok) expect(notAdded.error.message).toMatch(/not a member/)

    const bob = await member('Bob')
    await a!.ok('workspace.members.add', { line: bob.line })
    // Bob anchors on someone else's line: refused even though he is in the members log.
    const wrongAnchor = await bob.call('workspace.join', { remote: url, token: TOKEN, name: 'Bob', inviter: stranger.line })
    expect(wrongAnchor).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // The fingerprint of the right line works.
    const { fingerprint } = await a!.ok('workspace.identity')
    await bob.ok('workspace.join', { remote: url, token: TOKEN, name: 'Bob', inviter: fingerprint })
    expect((await bob.ok('workspace.status')).joined).toBe(true)
  })

  it('refuses a wrong token with a clear error and keeps nothing half-joined', async () => {
    const { url } = await served()
    const a = await member('Alice')
    const result = await a.call('workspace.create', { remote: url, token: 'not-the-token', name: 'Alice' })
    expect(result).toMatchObject({ ok: false })
    if (!result.ok) expect(result.error.message).toMatch(/401|token/)
    expect((await a.ok('workspace.status')).joined).toBe(false)
  })

  it('adds and removes members: re-encrypts every entry, lists what the removed member saw, and the removed member can read nothing new', async () => {
    const { repo, url } = await served()
    const [a, b, c] = await teamOf(url, ['Alice', 'Bob', 'Carol'])
    const acmeId = await share(a!, acme)
    const globexId = await share(a!, globex)
    await c!.ok('workspace.sync')
    expect((await c!.ok('connections.list')).map((x: { id: string }) => x.id).sort()).toEqual([acmeId, globexId].sort())

    const { memberId: carolId } = await c!.ok('workspace.identity')
    const checklist = await a!.ok('workspace.members.remove', { memberId: carolId, confirmId: carolId })
    expect(checklist).toMatchObject({ memberId: carolId, name: 'Carol' })
    expect(checklist.items.map((i: { name: string; secrets: string[] }) => [i.name, i.secrets]).sort()).toEqual([
      ['Acme portal', ['password']],
      ['globex repos', ['apiKey']]
    ])
    await a!.ok('workspace.removals.mark', { memberId: carolId, connectionId: acmeId, rotated: true })
    expect((await a!.ok('workspace.status')).removals[0].items.find((i: { connectionId: string }) => i.connectionId === acmeId).rotated).toBe(true)

    // A new secret after the removal: Carol's key cannot open any entry any more.
    await a!.ok('connections.update', { id: acmeId, provider: 'cloutility', password: 'CANARY-rotated-pw-0042' })
    await a!.core.workspace.settle()
    const carolSecret = c!.core.vault.vault.read((p) => p.team!.identity.ageSecret)
    const { Decrypter } = await import('age-encryption')
    const work = gitClone(repo)
    const entryFiles = readdirSync(join(work, 'entries'))
    expect(entryFiles).toHaveLength(2)
    for (const f of entryFiles) {
      const d = new Decrypter()
      d.addIdentity(carolSecret)
      await expect(d.decrypt(readFileSync(join(work, 'entries', f)))).rejects.toThrow()
    }
    // Carol's next sync finds her removed: the team connections leave her computer.
    await c!.ok('workspace.sync')
    const carolStatus = await c!.ok('workspace.status')
    expect(carolStatus.removedAt).toBeDefined()
    expect(await c!.ok('connections.list')).toEqual([])
    // The names of the log after her removal are sealed to Alice and Bob only; she still sees
    // them by the names she knew, now and after a lock (read again from her clone).
    const names = async () => (await c!.ok('workspace.status')).members.map((m: { name: string }) => m.name).sort()
    expect(await names()).toEqual(['Alice', 'Bob'])
    await c!.ok('vault.lock')
    await c!.ok('vault.unlock', { passphrase: PASS })
    expect(await names()).toEqual(['Alice', 'Bob'])
    // Bob still reads everything, the new secret included.
    await b!.ok('workspace.sync')
    expect(b!.core.vault.connections.get(acmeId)).toMatchObject({ password: 'CANARY-rotated-pw-0042' })
    expect((await b!.ok('workspace.status')).members.map((m: { name: string }) => m.name).sort()).toEqual(['Alice', 'Bob'])
  })

  it('merges edits of different entries without conflict and asks which wins when both edited the same entry', async () => {
    const { server, url } = await served()
    const [a, b] = await teamOf(url, ['Alice', 'Bob'])
    const acmeId = await share(a!, acme)
    const globexId = await share(a!, globex)
    await b!.ok('workspace.sync')

    // Offline, both edit: different entries first.
    server.down = true
    await edit(a!, acmeId, 'Acme portal by Alice')
    await edit(b!, globexId, 'globex by Bob')
    const offline = await a!.ok('workspace.status')
    expect(offline.unpushed).toBe(true)
    expect(offline.lastError).toMatch(/could not be reached|503/)
    server.down = false
    await a!.ok('workspace.sync')
    await b!.ok('workspace.sync')
    await a!.ok('workspace.sync')
    for (const t of [a!, b!]) {
      expect(await t.ok('connections.get', { id: acmeId })).toMatchObject({ name: 'Acme portal by Alice' })
      expect(await t.ok('connections.get', { id: globexId })).toMatchObject({ name: 'globex by Bob' })
      expect((await t.ok('workspace.status')).conflicts).toEqual([])
    }

    // Now the same entry on both sides.
    server.down = true
    await edit(a!, acmeId, 'Acme (Alice’s)')
    await edit(b!, acmeId, 'Acme (Bob’s)')
    server.down = false
    await a!.ok('workspace.sync')
    await b!.ok('workspace.sync')
    const status = await b!.ok('workspace.status')
    // Named as the app names the connection now (the workspace's version is in use until Bob
    // chooses), with Bob's own name for it beside it as the two differ.
    expect(status.conflicts).toEqual([expect.objectContaining({ entryId: acmeId, name: 'Acme (Alice’s)', mineName: 'Acme (Bob’s)', theirsBy: 'Alice' })])
    expect(await b!.ok('connections.get', { id: acmeId })).toMatchObject({ name: 'Acme (Alice’s)' })
    await b!.ok('workspace.conflicts.resolve', { entryId: acmeId, keep: 'mine' })
    await a!.ok('workspace.sync')
    for (const t of [a!, b!]) expect(await t.ok('connections.get', { id: acmeId })).toMatchObject({ name: 'Acme (Bob’s)', team: { updatedBy: 'Bob' } })
    expect((await b!.ok('workspace.status')).conflicts).toEqual([])
  })

  it('refuses an entry changed or planted by the git host and keeps the verified copy', async () => {
    const { repo, url } = await served()
    const [a, b] = await teamOf(url, ['Alice', 'Bob'])
    const acmeId = await share(a!, acme)
    await b!.ok('workspace.sync')
    const members = newestMembers(gitClone(repo))
    expect(members.members).toHaveLength(2)

    // The host re-encrypts a new version of the entry to every member, signed by a key of its own.
    const work = gitClone(repo)
    const { generateKeyPairSync } = await import('node:crypto')
    const forger = { signingKey: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') }
    const body = { id: acmeId, kind: 'connection', rev: 99, updatedBy: 'm000000000000000000000000', updatedAt: new Date().toISOString(), record: { ...acme, id: acmeId, baseUrl: 'https://evil.example', origin: 'https://evil.example', tags: [], demo: false, createdAt: 'x', updatedAt: 'x' } }
    const inner = { sealedFor: 3, signedBy: 'm000000000000000000000000', signature: signValue(forger, 'entry', { sealedFor: 3, body }), body }
    const enc = new Encrypter()
    for (const m of members.members) enc.addRecipient(m.recipient)
    writeFileSync(join(work, 'entries', `${acmeId}.age`), await enc.encrypt(JSON.stringify(inner)))
    // …and plants a brand-new one.
    const planted = '11111111-2222-3333-4444-555555555555'
    writeFileSync(join(work, 'entries', `${planted}.age`), await enc.encrypt(JSON.stringify({ ...inner, body: { ...body, id: planted } })))
    gitCommitPush(work, 'update')

    await b!.ok('workspace.sync')
    const status = await b!.ok('workspace.status')
    expect(status.refused.map((r: { entryId: string; reason: string }) => [r.entryId, r.reason]).sort()).toEqual(
      [
        [acmeId, expect.stringMatching(/not signed by a current member/)],
        [planted, expect.stringMatching(/not signed by a current member/)]
      ].sort()
    )
    // A refused entry is left as it is: further syncs add no commit.
    const headAfter = execFileSync('git', ['-C', repo, 'rev-parse', 'main']).toString().trim()
    await b!.ok('workspace.sync')
    expect(execFileSync('git', ['-C', repo, 'rev-parse', 'main']).toString().trim()).toBe(headAfter)
    const kept = await b!.ok('connections.get', { id: acmeId })
    expect(kept).toMatchObject({ baseUrl: 'https://portal.acme.example', team: { problem: expect.stringMatching(/not signed/) } })
    expect((await b!.ok('connections.list')).map((c: { id: string }) => c.id)).toEqual([acmeId])

    // Bytes flipped inside a real entry: refused too.
    const work2 = gitClone(repo)
    const file = join(work2, 'entries', `${acmeId}.age`)
    const bytes = readFileSync(file)
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 5) ^ 0xff, bytes.length - 5)
    writeFileSync(file, bytes)
    gitCommitPush(work2, 'flip')
    await a!.ok('workspace.sync')
    expect((await a!.ok('workspace.status')).refused.map((r: { entryId: string }) => r.entryId)).toContain(acmeId)
    expect(await a!.ok('connections.get', { id: acmeId })).toMatchObject({ baseUrl: 'https://portal.acme.example' })
  })

  it('refuses a rewritten members log', async () => {
    const { repo, url } = await served()
    const [a, b] = await teamOf(url, ['Alice', 'Bob'])
    const work = gitClone(repo)
    const path = join(work, 'members', '000002.json')
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { members: Array<{ addedAt: string }> }
    doc.members[0]!.addedAt = '2000-01-01T00:00:00.000Z'
    writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`)
    gitCommitPush(work, 'rewrite')
    for (const t of [a!, b!]) {
      const result = await t.call('workspace.sync')
      expect(result).toMatchObject({ ok: false })
      if (!result.ok) expect(result.error.message).toMatch(/members log failed verification.*rewritten/)
    }
  })

  it('keeps a change the server refused (pre-receive hook) and pushes it once the server accepts', async () => {
    const { repo, url } = await served()
    const [a, b] = await teamOf(url, ['Alice', 'Bob'])
    const acmeId = await share(a!, acme)
    await b!.ok('workspace.sync')
    refusePushes(repo, 'branch is frozen for maintenance')
    await edit(a!, acmeId, 'Acme renamed while frozen')
    const refused = await a!.call('workspace.sync')
    expect(refused).toMatchObject({ ok: false })
    if (!refused.ok) expect(refused.error.message).toMatch(/refused the push.*frozen|frozen/)
    expect(await a!.ok('workspace.status')).toMatchObject({ unpushed: true })
    expect(await a!.ok('connections.get', { id: acmeId })).toMatchObject({ name: 'Acme renamed while frozen' })
    allowPushes(repo)
    await a!.ok('workspace.sync')
    expect(await a!.ok('workspace.status')).toMatchObject({ unpushed: false })
    await b!.ok('workspace.sync')
    expect(await b!.ok('connections.get', { id: acmeId })).toMatchObject({ name: 'Acme renamed while frozen' })
  })

  it('drops the change of a member removed while their edit waited to be pushed, and refuses anything they sign afterwards', async () => {
    const { repo, server, url } = await served()
    const [a, b, c] = await teamOf(url, ['Alice', 'Bob', 'Carol'])
    const acmeId = await share(a!, acme)
    await c!.ok('workspace.sync')
    // Carol edits while the server is unreachable for her; Alice removes her meanwhile.
    server.down = true
    await edit(c!, acmeId, 'renamed by Carol')
    server.down = false
    const { memberId: carolId } = await c!.ok('workspace.identity')
    await a!.ok('workspace.members.remove', { memberId: carolId, confirmId: carolId })
    await c!.ok('workspace.sync').catch(() => undefined)
    expect((await c!.ok('workspace.status')).removedAt).toBeDefined()
    await b!.ok('workspace.sync')
    expect(await b!.ok('connections.get', { id: acmeId })).toMatchObject({ name: 'Acme portal' })

    // Carol (or anyone with her key) pushes a signed entry directly: refused.
    const carol = c!.core.vault.vault.read((p) => p.team!.identity)
    const work = gitClone(repo)
    const doc = newestMembers(work)
    const body = { id: acmeId, kind: 'connection', rev: 50, updatedBy: carolId, updatedAt: new Date().toISOString(), record: { ...acme, id: acmeId, name: 'Carol was here', tags: [], demo: false, createdAt: 'x', updatedAt: 'x' } }
    const enc = new Encrypter()
    for (const m of doc.members) enc.addRecipient(m.recipient)
    const inner = { sealedFor: doc.seq, signedBy: carolId, signature: signValue(carol, 'entry', { sealedFor: doc.seq, body }), body }
    writeFileSync(join(work, 'entries', `${acmeId}.age`), await enc.encrypt(JSON.stringify(inner)))
    gitCommitPush(work, 'x')
    await b!.ok('workspace.sync')
    expect(await b!.ok('connections.get', { id: acmeId })).toMatchObject({ name: 'Acme portal', team: { problem: expect.stringMatching(/not signed by a current member/) } })
  })
})
