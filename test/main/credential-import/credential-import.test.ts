import kdbxweb from 'kdbxweb'
import { afterEach, describe, expect, it } from 'vitest'
// Importing the reader installs kdbxweb's Argon2 implementation (hash-wasm), used to write the file too.
import '../../../src/main/core/credential-import/sources'
import { cleanupDirs, makeCore, PASS, tmpDir } from '../vault/helpers'
import type { WriteStep } from '../../../src/main/core/vault/vault-files'

afterEach(() => cleanupDirs())

const SECRETS = { cloudally: 'CANARY-kp-cloudally-pw-9d1', partnerSecret: 'CANARY-kp-partner-secret-33a', cloutility: 'CANARY-kp-cloutility-pw-07e', cloudback: 'CANARY-kp-cloudback-key-5c2', other: 'CANARY-kp-other-pw-e11' }

/** A real KDBX 4 file written by kdbxweb (Argon2id). */
async function keepassFile(password: string): Promise<Buffer> {
  const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(password)), 'Service desk')
  db.setVersion(4)
  db.setKdf(kdbxweb.Consts.KdfId.Argon2id)
  const acme = db.createGroup(db.getDefaultGroup(), 'Acme')
  const add = (group: kdbxweb.KdbxGroup, fields: Record<string, string>, protectedNames: string[] = ['Password']) => {
    const e = db.createEntry(group)
    for (const [k, v] of Object.entries(fields)) e.fields.set(k, protectedNames.includes(k) ? kdbxweb.ProtectedValue.fromString(v) : v)
  }
  add(acme, { Title: 'Acme CloudAlly partner', URL: 'https://api.cloudally.com', UserName: 'partner@acme.example', Password: SECRETS.cloudally, 'Client ID': 'acme-partner', 'Client Secret': SECRETS.partnerSecret }, ['Password', 'Client Secret'])
  add(acme, { Title: 'Acme Cloutility', URL: 'https://portal.cloutility.com/api', UserName: 'tech@acme.example', Password: SECRETS.cloutility, 'client id': 'acme-cl' })
  add(db.getDefaultGroup(), { Title: 'GitHub backups', URL: 'app.cloudback.it', UserName: '', Password: SECRETS.cloudback })
  add(db.getDefaultGroup(), { Title: 'Intranet', URL: 'https://intranet.example', UserName: 'me', Password: SECRETS.other })
  return Buffer.from(await db.save())
}

async function unlocked() {
  const t = await makeCore(tmpDir())
  await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  return t
}

describe('bring your credentials', () => {
  it('previews a KeePass KDBX 4 file without saving or answering any secret, then imports the chosen entries', async () => {
    const t = await unlocked()
    const file = (await keepassFile('kp-master-pass')).toString('base64')
    const wrong = await t.call('workspace.credentials.preview', { format: 'kdbx', file, password: 'wrong password' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE', details: { issues: [{ path: 'password' }] } } })

    const preview = await t.ok('workspace.credentials.preview', { format: 'kdbx', file, password: 'kp-master-pass' })
    const byTitle = Object.fromEntries(preview.entries.map((e: { title: string }) => [e.title, e]))
    expect(byTitle['Acme CloudAlly partner']).toMatchObject({ detected: 'cloudally', group: 'Acme', problems: { cloudally: null } })
    expect(byTitle['Acme Cloutility']).toMatchObject({ detected: 'cloutility', problems: { cloutility: null } })
    expect(byTitle['GitHub backups']).toMatchObject({ detected: 'cloudback', problems: { cloudback: null } })
    expect(byTitle['Intranet']).toMatchObject({ detected: null })
    expect(await t.ok('connections.list')).toEqual([])

    const pick = (title: string, provider: string) => ({ index: byTitle[title].index, provider })
    const result = await t.ok('workspace.credentials.import', {
      importId: preview.importId,
      entries: [pick('Acme CloudAlly partner', 'cloudally'), pick('Acme Cloutility', 'cloutility'), pick('GitHub backups', 'cloudback')]
    })
    expect(result.created).toBe(3)
    const list = await t.ok('connections.list')
    expect(list.map((c: { name: string; customer: string; provider: string }) => [c.provider, c.name, c.customer]).sort()).toEqual([
      ['cloudally', 'Acme CloudAlly partner', 'Acme'],
      ['cloudback', 'GitHub backups', ''],
      ['cloutility', 'Acme Cloutility', 'Acme']
    ])
    const cloudally = t.core.vault.connections.get(list.find((c: { provider: string }) => c.provider === 'cloudally').id)
    expect(cloudally).toMatchObject({ mode: 'partner', clientId: 'acme-partner', clientSecret: SECRETS.partnerSecret, password: SECRETS.cloudally, email: 'partner@acme.example' })
    expect(t.core.vault.connections.get(list.find((c: { provider: string }) => c.provider === 'cloutility').id)).toMatchObject({ baseUrl: 'https://portal.cloutility.com/api', origin: 'https://portal.cloutility.com', clientId: 'acme-cl' })
    // The import is used up; no secret crossed the IPC or reached the logs.
    expect(await t.call('workspace.credentials.import', { importId: preview.importId, entries: [pick('Intranet', 'cloudback')] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    for (const s of Object.values(SECRETS)) {
      for (const a of t.answers) expect(a).not.toContain(s)
      expect(JSON.stringify(t.sink.records)).not.toContain(s)
    }
  })

  it('reads a Bitwarden unencrypted JSON export and refuses an encrypted one', async () => {
    const t = await unlocked()
    const bitwarden = {
      encrypted: false,
      folders: [{ id: 'f1', name: 'Globex' }],
      items: [
        { id: 'i1', organizationId: null, folderId: 'f1', type: 1, reprompt: 0, name: 'Globex Cloudback', notes: null, favorite: false, login: { uris: [{ match: null, uri: 'https://app.cloudback.it/' }], username: null, password: 'ignored-when-key-field', totp: null }, fields: [{ name: 'API key', value: SECRETS.cloudback, type: 1 }], collectionIds: null },
        { id: 'i2', organizationId: null, folderId: null, type: 2, reprompt: 0, name: 'A secure note', notes: 'text', favorite: false, secureNote: { type: 0 }, collectionIds: null },
        { id: 'i3', organizationId: null, folderId: 'f1', type: 1, reprompt: 0, name: 'Globex CloudAlly', notes: null, favorite: false, login: { uris: [{ match: null, uri: 'https://api.cloudally.com' }], username: 'admin@globex.example', password: SECRETS.cloudally, totp: null }, fields: [{ name: 'client id', value: 'globex-client', type: 0 }, { name: 'client secret', value: 'globex-client-secret-1', type: 1 }, { name: 'mode', value: 'portal user', type: 0 }], collectionIds: null }
      ]
    }
    const file = Buffer.from(JSON.stringify(bitwarden)).toString('base64')
    const preview = await t.ok('workspace.credentials.preview', { format: 'bitwarden', file })
    expect(preview.entries.map((e: { title: string; detected: string; group: string }) => [e.title, e.detected, e.group])).toEqual([
      ['Globex Cloudback', 'cloudback', 'Globex'],
      ['Globex CloudAlly', 'cloudally', 'Globex']
    ])
    await t.ok('workspace.credentials.import', { importId: preview.importId, entries: [{ index: 0, provider: 'cloudback' }, { index: 1, provider: 'cloudally', customer: 'Globex Inc' }] })
    const list = await t.ok('connections.list')
    const cb = t.core.vault.connections.get(list.find((c: { provider: string }) => c.provider === 'cloudback').id)
    expect(cb).toMatchObject({ apiKey: SECRETS.cloudback, baseUrl: 'https://app.cloudback.it' })
    expect(list.find((c: { provider: string }) => c.provider === 'cloudally')).toMatchObject({ mode: 'user', email: 'admin@globex.example', customer: 'Globex Inc' })

    const encrypted = Buffer.from(JSON.stringify({ encrypted: true, passwordProtected: true, data: 'x' })).toString('base64')
    const refused = await t.call('workspace.credentials.preview', { format: 'bitwarden', file: encrypted })
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ path: 'file', message: expect.stringMatching(/encrypted/) }] } } })
  })

  it('reads a 1Password CSV export, lets an unrecognised entry be mapped by hand, and saves nothing when one chosen entry is incomplete', async () => {
    const t = await unlocked()
    const csv = [
      'Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes',
      `"Initech Cloutility, EU",https://backup.initech.example/cloutility,ops@initech.example,${SECRETS.cloutility},,false,false,Initech,"has a ""client id"" field? no"`,
      `Initech Cloudback,http://127.0.0.1:4010,,${SECRETS.cloudback},,false,false,Initech,`
    ].join('\r\n')
    const preview = await t.ok('workspace.credentials.preview', { format: '1password', file: Buffer.from(csv).toString('base64') })
    expect(preview.entries.map((e: { title: string; detected: string | null }) => [e.title, e.detected])).toEqual([
      ['Initech Cloutility, EU', 'cloutility'],
      ['Initech Cloudback', null]
    ])
    expect(preview.entries[0].problems.cloutility).toMatch(/client id/)
    const incomplete = await t.call('workspace.credentials.import', { importId: preview.importId, entries: [{ index: 1, provider: 'cloudback' }, { index: 0, provider: 'cloutility' }] })
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await t.ok('connections.list')).toEqual([])
    await t.ok('workspace.credentials.import', { importId: preview.importId, entries: [{ index: 1, provider: 'cloudback' }] })
    expect(await t.ok('connections.list')).toEqual([expect.objectContaining({ provider: 'cloudback', name: 'Initech Cloudback', customer: 'Initech', baseUrl: 'http://127.0.0.1:4010' })])
  })

  // The disk fills while the import saves: the nth vault write from the confirmation on fails.
  for (const failing of [1, 2, 3]) {
    it(`a save that fails at vault write ${failing} of the import keeps none of it, and confirming again adds each entry once`, async () => {
      let writesLeft: number | null = null
      const diskFull = (step: WriteStep) => {
        if (writesLeft === null || step !== 'tmp-write') return
        writesLeft--
        if (writesLeft <= 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      }
      const t = await makeCore(tmpDir(), {}, { faultHook: diskFull })
      await t.ok('vault.setup', { passphrase: PASS, confirm: PASS })
      const login = (id: string, name: string, uri: string, username: string | null, password: string, fields: unknown[] = []) => ({
        id, organizationId: null, folderId: null, type: 1, reprompt: 0, name, notes: null, favorite: false,
        login: { uris: [{ match: null, uri }], username, password, totp: null }, fields, collectionIds: null
      })
      const bitwarden = {
        encrypted: false,
        folders: [],
        items: [
          login('i1', 'Umbrella Cloudback', 'https://app.cloudback.it/', null, SECRETS.cloudback),
          login('i2', 'Umbrella CloudAlly', 'https://api.cloudally.com', 'admin@umbrella.example', SECRETS.cloudally, [{ name: 'client id', value: 'umbrella-client', type: 0 }, { name: 'client secret', value: SECRETS.partnerSecret, type: 1 }, { name: 'mode', value: 'portal user', type: 0 }]),
          login('i3', 'Umbrella Cloudback EU', 'https://app.cloudback.it/', null, SECRETS.other)
        ]
      }
      const preview = await t.ok('workspace.credentials.preview', { format: 'bitwarden', file: Buffer.from(JSON.stringify(bitwarden)).toString('base64') })
      const entries = [{ index: 0, provider: 'cloudback' }, { index: 1, provider: 'cloudally' }, { index: 2, provider: 'cloudback' }]

      writesLeft = failing
      const first = await t.call('workspace.credentials.import', { importId: preview.importId, entries })
      writesLeft = null // space freed
      // The first write failing fails the import with it, whatever else is written.
      if (failing === 1) expect(first).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
      if (!first.ok) {
        // Nothing half-done: no connection, no change announced.
        expect(await t.ok('connections.list')).toEqual([])
        expect(t.events.filter((e) => e.topic === 'connections.changed')).toEqual([])
        expect(await t.ok('workspace.credentials.import', { importId: preview.importId, entries })).toMatchObject({ created: 3 })
      }
      const list: Array<{ id: string; name: string }> = await t.ok('connections.list')
      expect(list.map((c) => c.name).sort()).toEqual(['Umbrella CloudAlly', 'Umbrella Cloudback', 'Umbrella Cloudback EU'])
      // Each saved connection is announced once, and its secrets stay guarded after the import is used up.
      expect(t.events.filter((e) => e.topic === 'connections.changed').map((e) => e.payload)).toEqual(list.map((c) => ({ kind: 'created', id: c.id })))
      for (const s of [SECRETS.cloudback, SECRETS.cloudally, SECRETS.partnerSecret, SECRETS.other]) expect(t.core.secrets.containsSecret(`x ${s} x`)).toBe(true)
      for (const a of t.answers) for (const s of Object.values(SECRETS)) expect(a).not.toContain(s)
    })
  }

  it('refuses a second confirmation of an import while the first is being saved', async () => {
    const t = await unlocked()
    const csv = ['Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes', `Hooli Cloudback,https://app.cloudback.it,,${SECRETS.cloudback},,false,false,Hooli,`].join('\r\n')
    const preview = await t.ok('workspace.credentials.preview', { format: '1password', file: Buffer.from(csv).toString('base64') })
    const confirm = () => t.call('workspace.credentials.import', { importId: preview.importId, entries: [{ index: 0, provider: 'cloudback' }] })
    const [a, b] = await Promise.all([confirm(), confirm()])
    expect([a, b].filter((r) => r.ok)).toHaveLength(1)
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await t.ok('connections.list')).toEqual([expect.objectContaining({ name: 'Hooli Cloudback' })])
  })
})
