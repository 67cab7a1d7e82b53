import { afterEach, describe, expect, it } from 'vitest'
import { cleanupDirs, PASS } from '../vault/helpers'
import { bareRepo, disposeCores, startCore, type TestCore } from './harness'

afterEach(async () => {
  await disposeCores()
  cleanupDirs()
})

const SECRET = 'CANARY-team-cloutility-pw-1d4c'

async function cloutility(t: TestCore, name = 'Acme portal') {
  return t.ok('connections.create', {
    provider: 'cloutility',
    name,
    customer: 'Acme Corp',
    baseUrl: 'https://portal.acme.example',
    clientId: 'acme-client',
    origin: 'https://portal.acme.example',
    username: 'tech@acme.example',
    password: SECRET
  })
}

/** A creates a workspace in `remote`, adds B; B joins anchored on A's line. */
async function team(remote: string) {
  const a = await startCore()
  const b = await startCore()
  await a.ok('workspace.create', { remote, name: 'Alice' })
  const bLine = (await b.ok('workspace.identity', { name: 'Bob' })).line as string
  const aLine = (await a.ok('workspace.identity')).line as string
  await a.ok('workspace.members.add', { line: bLine })
  await b.ok('workspace.join', { remote, name: 'Bob', inviter: aLine })
  return { a, b, aLine, bLine }
}

describe('team workspace over a bare repository on disk', () => {
  it('shares a moved connection with a member, who sees it marked Team and whose edit comes back', async () => {
    const remote = bareRepo()
    const { a, b } = await team(remote)
    const made = await cloutility(a)
    await a.ok('workspace.share', { ids: [made.id], mode: 'move' })
    await b.ok('workspace.sync')
    const seen = (await b.ok('connections.list')) as Array<{ id: string; name: string; team?: { updatedBy: string } }>
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ id: made.id, name: 'Acme portal', team: { updatedBy: 'Alice' } })
    // The secret arrived (core-side), and never crossed IPC.
    expect(b.core.vault.connections.get(made.id)).toMatchObject({ password: SECRET })

    await b.ok('connections.update', { id: made.id, provider: 'cloutility', name: 'Acme portal (EU)' })
    await b.core.workspace.settle()
    await a.ok('workspace.sync')
    expect(await a.ok('connections.get', { id: made.id })).toMatchObject({ name: 'Acme portal (EU)', team: { updatedBy: 'Bob' } })
    const status = await a.ok('workspace.status')
    expect(status.members.map((m: { name: string }) => m.name).sort()).toEqual(['Alice', 'Bob'])
    for (const t of [a, b]) for (const answer of t.answers) expect(answer).not.toContain(SECRET)
  })

  it('syncs on unlock: what was shared while the vault was locked is there after unlocking', async () => {
    const remote = bareRepo()
    const { a, b } = await team(remote)
    await b.ok('vault.lock')
    const made = await cloutility(a, 'Shared while Bob was away')
    await a.ok('workspace.share', { ids: [made.id], mode: 'copy' })
    await b.ok('vault.unlock', { passphrase: PASS })
    await b.core.workspace.settle()
    const list = (await b.ok('connections.list')) as Array<{ name: string; team?: unknown }>
    expect(list).toEqual([expect.objectContaining({ name: 'Shared while Bob was away', team: expect.anything() })])
    // A copy: Alice keeps her own connection and the team one.
    expect(((await a.ok('connections.list')) as unknown[]).length).toBe(2)
  })
})

describe('joining a workspace after a removal', () => {
  it('refuses to join a workspace that removed you, keeps nothing of it, and joins again once added back', async () => {
    const remote = bareRepo()
    const { a, b, aLine, bLine } = await team(remote)
    const bobId = (await b.ok('workspace.identity')).memberId as string
    await a.ok('workspace.members.remove', { memberId: bobId, confirmId: bobId })
    await b.ok('workspace.sync')
    expect((await b.ok('workspace.status')).removedAt).toBeDefined()
    await b.ok('workspace.leave', { confirm: 'leave' })

    // Alice's line still anchors the entry that once added Bob: that must not let him back in.
    const refused = await b.call('workspace.join', { remote, name: 'Bob', inviter: aLine })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Cannot join: a teammate removed you from this workspace. Ask them to add you again, then join.' } })
    expect(await b.ok('workspace.status')).toMatchObject({ joined: false })

    await a.ok('workspace.members.add', { line: bLine })
    const joined = await b.ok('workspace.join', { remote, name: 'Bob', inviter: aLine })
    expect(joined).toMatchObject({ joined: true })
    expect(joined.removedAt).toBeUndefined()
  })
})

describe('creating a workspace in a folder', () => {
  it('refuses a folder that holds other files, and a relative path', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpDir } = await import('../vault/helpers')
    const a = await startCore()
    const busy = join(tmpDir('backdesk-busy-'), 'notes')
    mkdirSync(busy)
    writeFileSync(join(busy, 'todo.txt'), 'keep me')
    // Each refusal names the field it is about, so the form shows it there.
    expect(await a.call('workspace.create', { remote: busy, name: 'Alice' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/not empty/), details: { issues: [{ path: 'remote', message: expect.stringMatching(/^That folder is not empty/) }] } }
    })
    expect(await a.call('workspace.create', { remote: 'relative/team.git', name: 'Alice' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'remote', message: 'Enter an https:// URL or the full path of a folder.' }] } }
    })
    expect((await a.ok('workspace.status')).joined).toBe(false)
  })

  it('refuses a folder whose parent does not exist, naming the parent and creating nothing', async () => {
    const { existsSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpDir } = await import('../vault/helpers')
    const a = await startCore()
    const root = tmpDir('backdesk-parent-')
    const missing = join(root, 'shraed')
    expect(await a.call('workspace.create', { remote: join(missing, 'team.git'), name: 'Alice' })).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: `Repository: the folder ${missing} does not exist. Check the path for a typo, or create that folder first.`,
        details: {
          issues: [{ path: 'remote', message: `The folder ${missing} does not exist. Check the path for a typo, or create that folder first: Backdesk creates only the last folder of the path.` }]
        }
      }
    })
    expect(existsSync(missing)).toBe(false)

    // A file where the parent folder should be is said as such.
    const file = join(root, 'notes.txt')
    writeFileSync(file, 'keep me')
    expect(await a.call('workspace.create', { remote: join(file, 'team.git'), name: 'Alice' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'remote', message: `${file} is a file, not a folder. Check the path for a typo, or create that folder first: Backdesk creates only the last folder of the path.` }] } }
    })
    expect((await a.ok('workspace.status')).joined).toBe(false)
  })

  it('creates the folder itself when its parent exists', async () => {
    const { existsSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpDir } = await import('../vault/helpers')
    const a = await startCore()
    const remote = join(tmpDir('backdesk-parent-'), 'team.git')
    await a.ok('workspace.create', { remote, name: 'Alice' })
    expect(existsSync(join(remote, 'HEAD'))).toBe(true)
    expect((await a.ok('workspace.status')).joined).toBe(true)
  })

  it('names the member line when it refuses one: unreadable, or a teammate already added', async () => {
    const remote = bareRepo()
    const { a, bLine } = await team(remote)
    expect(await a.call('workspace.members.add', { line: 'backdesk-member v1 not-a-key' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'line', message: expect.any(String) }] } }
    })
    expect(await a.call('workspace.members.add', { line: bLine })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { issues: [{ path: 'line', message: 'Bob is already a member.' }] } }
    })
  })
})

describe('reading a member line before adding it', () => {
  it('reads a pasted member line without adding anyone: its name and the fingerprint Members shows once added', async () => {
    const remote = bareRepo()
    const a = await startCore()
    const c = await startCore()
    await a.ok('workspace.create', { remote, name: 'Alice' })
    const carol = await c.ok('workspace.identity', { name: 'Carol' })
    const preview = await a.ok('workspace.members.inspect', { line: `  ${carol.line as string}\n` })
    expect(preview).toEqual({ name: 'Carol', fingerprint: carol.fingerprint })
    expect((await a.ok('workspace.status')).members.map((m: { name: string }) => m.name)).toEqual(['Alice'])

    await a.ok('workspace.members.add', { line: carol.line })
    const members = (await a.ok('workspace.status')).members as Array<{ name: string; fingerprint: string }>
    expect(members.find((m) => m.name === 'Carol')?.fingerprint).toBe(preview.fingerprint)
  })

  it('says at once, under the line, that your own line or fingerprint is yours: no fingerprint to check, nobody added', async () => {
    const remote = bareRepo()
    const a = await startCore()
    await a.ok('workspace.create', { remote, name: 'Alice' })
    const mine = await a.ok('workspace.identity')
    const ownLine = 'That is your own member line. Paste the line your teammate sent you: they copy it from “Your member line” on their Team workspace screen.'
    const ownFingerprint = 'That is your own fingerprint. Paste the member line your teammate sent you: they copy it from “Your member line” on their Team workspace screen.'
    for (const channel of ['workspace.members.inspect', 'workspace.members.add']) {
      expect(await a.call(channel, { line: `  ${mine.line as string}\n` })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', details: { issues: [{ path: 'line', message: ownLine }] } }
      })
      for (const fingerprint of [mine.fingerprint as string, (mine.fingerprint as string).toUpperCase().replaceAll('-', ' ')]) {
        expect(await a.call(channel, { line: fingerprint })).toMatchObject({
          ok: false,
          error: { code: 'CONFLICT', details: { issues: [{ path: 'line', message: ownFingerprint }] } }
        })
      }
    }
    expect((await a.ok('workspace.status')).members.map((m: { name: string }) => m.name)).toEqual(['Alice'])
  })

  it('names what is wrong with a pasted text that is no member line, under the line', async () => {
    const a = await startCore()
    const notALine = 'That is not a Backdesk member line. It starts with "backdesk-member v1 age1…": ask your teammate to copy it again.'
    // Of the wrong shape: main's reading refuses it; too short: the contract does, in the same words.
    for (const line of ['backdesk-member v1 not-a-key Mallory', 'hello']) {
      expect(await a.call('workspace.members.inspect', { line })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: { issues: [{ path: 'line', message: notALine }] } }
      })
    }
  })
})
