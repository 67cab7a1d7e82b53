/// <reference lib="dom" />
// Secret leak scan (issue 9, part 2). Canary secrets, unique per run, are planted in one
// connection of every provider (the simulator rejects them: a failed login), and the simulator's
// own demo secrets go into working connections of every provider (they are just as secret to the
// app). A full run through every provider's screens follows: test connection, browse, a failed
// login, edits, a node activation with its password, a restore and a download request, a
// Cloudback lookup and save, the Settings export form (its bundle must appear in no IPC answer:
// it comes as a one-time download). Everything the renderer could see or the
// app could leave behind is recorded:
//   - every IPC answer (app.responses) and the server-sent event stream, read as the browser gets it;
//   - the DOM, the values of every input and the page's web storage at each resting step;
//   - every log record, serialised;
//   - every file in the data folder (journal, restore history, preferences...).
// None may contain any canary, any demo secret, any access or refresh token the simulator issued
// (captured independently by a recording proxy in front of each simulator), any node password
// Cloutility sent, or any value the app registered as secret. The one exception is the explicit
// "Reveal" of a node password: it may appear only in the reveal answer and in the DOM between
// Reveal and Hide.
import { randomBytes } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Simulator } from '../../src/simulator'
import { startSimulator } from '../simulator/helpers'
import { createBundle } from '../../src/main/core/vault/bundle'
import { startRecordingListener } from '../security/recording-listener'
import { addCloudAllyConnection } from './cloudally-steps'
import { lookUpDemoRepository } from './cloudback-steps'
import { busyConsumer, openUnit } from './cloutility-steps'
import { expect, test } from './fixtures'
import { addConnection, createVault, PASSPHRASE } from './vault-steps'

const canary = (what: string) => `CANARY-${what}-${randomBytes(12).toString('base64url')}`
const CANARIES = {
  cloutilityPassword: canary('cloutility-password'),
  cloudallyClientSecret: canary('cloudally-client-secret'),
  cloudallyPassword: canary('cloudally-password'),
  /** With the characters JSON, URLs and HTML escape, so every encoded form is looked for too. */
  cloudallyPortalPassword: `${canary('cloudally-portal')}"q\\b+&<ü> sp`,
  cloudbackApiKey: canary('cloudback-api-key'),
  /** Typed by the technician as a new node password: goes one way into main. */
  nodePassword: `Cn.${randomBytes(9).toString('hex')}-7`,
  bundlePassphrase: `${canary('bundle')} orbit lantern 93`
}

// --- a recording reverse proxy: sees every token the simulator hands out -----------------------

/** Login answers: access_token, refresh_token (Cloutility), accessToken, refreshToken, token (CloudAlly). */
const TOKEN_KEY = /^((access|refresh|id)_?token|token)$/i

function collectTokens(body: unknown, into: Set<string>): void {
  if (Array.isArray(body)) for (const item of body) collectTokens(item, into)
  else if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' && TOKEN_KEY.test(key) && value.length >= 8) into.add(value)
      else collectTokens(value, into)
    }
  }
}

/** Node passwords in Cloutility node answers (the app reads them; the renderer must not). */
function collectNodePasswords(body: unknown, into: Set<string>): void {
  if (Array.isArray(body)) for (const item of body) collectNodePasswords(item, into)
  else if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (key === 'tsmPassword' && typeof value === 'string' && value) into.add(value)
      else collectNodePasswords(value, into)
    }
  }
}

/**
 * A hostile provider as well: every error answer echoes what the app sent (the request body and
 * its credential headers) inside the provider's own message fields, the way careless servers
 * and proxies do. The app must not pass any of it on.
 */
function echoIntoError(bytes: Buffer, sent: string): Buffer {
  let body: unknown
  try {
    body = JSON.parse(bytes.toString('utf8'))
  } catch {
    return bytes
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return bytes
  const record = body as Record<string, unknown>
  const fields = ['error_description', 'message'].filter((k) => typeof record[k] === 'string')
  for (const key of fields.length ? fields : ['message']) record[key] = `${String(record[key] ?? 'Rejected')} (you sent: ${sent})`
  return Buffer.from(JSON.stringify(record))
}

async function startRecordingProxy(target: string, tokens: Set<string>, nodePasswords: Set<string>): Promise<{ url: string; echoed: () => number; close(): Promise<void> }> {
  const upstream = new URL(target)
  let echoed = 0
  const server: Server = createServer((req, res) => {
    const sentChunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => sentChunks.push(chunk))
    req.on('end', () => {
      const sentBody = Buffer.concat(sentChunks)
      const h = req.headers
      const sent = [sentBody.toString('utf8'), h['authorization'], h['client-secret'], h['x-api-key']].filter(Boolean).join(' | ')
      const up = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer: IncomingMessage) => {
          const chunks: Buffer[] = []
          answer.on('data', (chunk: Buffer) => chunks.push(chunk))
          answer.on('end', () => {
            let bytes: Buffer = Buffer.concat(chunks)
            try {
              const parsed: unknown = JSON.parse(bytes.toString('utf8'))
              collectTokens(parsed, tokens)
              collectNodePasswords(parsed, nodePasswords)
            } catch {
              // Not JSON (a ZIP download, an empty answer).
            }
            const status = answer.statusCode ?? 502
            const headers = { ...answer.headers }
            if (status >= 400 && sent) {
              bytes = echoIntoError(bytes, sent)
              echoed++
              delete headers['transfer-encoding']
              headers['content-length'] = String(bytes.length)
            }
            res.writeHead(status, headers)
            res.end(bytes)
          })
          answer.on('error', () => res.destroy())
        }
      )
      up.on('error', () => res.destroy())
      up.end(sentBody)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    echoed: () => echoed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Reads the web shell's event stream with the page's own session cookie, as the browser does. */
async function readEventStream(page: Page, origin: string): Promise<{ text: () => string; close(): void }> {
  const cookie = (await page.context().cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ')
  let text = ''
  const req = httpRequest(`${origin}/events`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => (text += chunk))
    res.on('error', () => undefined)
  })
  req.on('error', () => undefined)
  req.end()
  return { text: () => text, close: () => req.destroy() }
}

/** A secret as it would appear raw, in a URL or form, in JSON text, or in HTML. */
function formsOf(secret: string): string[] {
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  return [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1), html])]
}

/** Every object of a git repository, decompressed, as git itself prints them. */
function gitObjects(repo: string): string {
  return execFileSync('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch'], { maxBuffer: 256 * 1024 * 1024 }).toString('latin1')
}

function filesUnder(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = []
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) out.push(...filesUnder(full))
    else out.push({ path: full, text: readFileSync(full).toString('latin1') })
  }
  return out
}

let sim: Simulator
const tokens = new Set<string>()
const nodePasswords = new Set<string>()
const proxies: Array<Awaited<ReturnType<typeof startRecordingProxy>>> = []
let clockMs = Date.now()

test.beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', seed: 23, now: () => clockMs })
  for (const provider of ['cloutility', 'cloudally', 'cloudback'] as const) proxies.push(await startRecordingProxy(sim[provider].url, tokens, nodePasswords))
})
test.afterAll(async () => {
  for (const proxy of proxies) await proxy.close()
  await sim?.stop()
})

test('no secret reaches the renderer, the DOM, the event stream, the logs or the data folder', async ({ page, app }) => {
  const [cloutilityUrl, cloudallyUrl, cloudbackUrl] = proxies.map((p) => p.url) as [string, string, string]
  const ct = sim.cloutility.credentials
  const ca = sim.cloudally.credentials
  const cb = sim.cloudback.credentials

  // Everything the app itself registers as secret, recorded as it happens (tokens are dropped
  // from the live registry when renewed, so the registry alone would forget them).
  const registered = new Set<string>()
  const registry = app.shell.core.secrets
  const add = registry.add.bind(registry)
  registry.add = (value, origin) => {
    if (value && value.length >= 4) registered.add(value)
    add(value, origin)
  }

  const dom: Array<{ step: string; text: string }> = []
  /** A resting step: no form holds a typed secret, so inputs and storage are scanned as well. */
  const snap = async (step: string) => {
    const extra = await page.evaluate(() => ({
      inputs: Array.from(document.querySelectorAll('input, textarea, select')).map((e) => (e as HTMLInputElement).value),
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      title: document.title
    }))
    dom.push({ step, text: `${await page.content()}\n${extra.inputs.join('\n')}\n${extra.storage}\n${extra.title}` })
  }

  await createVault(page)
  const events = await readEventStream(page, app.shell.origin)
  await snap('vault created')

  // --- canary connections: the simulator rejects them (a failed login, in plain words) -------
  await addConnection(page, { provider: 'cloutility', name: 'Canary Cloutility', baseUrl: cloutilityUrl, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: CANARIES.cloutilityPassword })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection failed.')
  await snap('cloutility failed login')
  // Edit: the stored password is never put back into the form; a renamed connection keeps it.
  await page.getByRole('button', { name: 'Edit' }).click()
  await expect(page.locator('#conn-password')).toHaveValue('')
  await snap('cloutility editor')
  await page.locator('#conn-name').fill('Canary Cloutility (edited)')
  await page.getByRole('button', { name: /^Save/ }).click()
  await expect(page.getByRole('heading', { name: 'Canary Cloutility (edited)', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection failed.')
  await snap('cloutility edited, still failing')

  await addConnection(page, { provider: 'cloudally', name: 'Canary CloudAlly', baseUrl: cloudallyUrl, clientId: ca.clientId, clientSecret: CANARIES.cloudallyClientSecret, email: ca.partnerEmail, password: CANARIES.cloudallyPassword })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection failed.')
  await snap('cloudally failed login')

  await addConnection(page, { provider: 'cloudback', name: 'Canary Cloudback', baseUrl: cloudbackUrl, apiKey: CANARIES.cloudbackApiKey })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection failed.')
  await snap('cloudback failed login')

  // Portal-user CloudAlly login with a canary password.
  await addCloudAllyConnection(page, sim, 'Canary CloudAlly portal', { baseUrl: cloudallyUrl, login: 'portal user', password: CANARIES.cloudallyPortalPassword, saveWithoutTesting: true })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection failed.')
  await snap('cloudally portal failed login')

  // --- working connections with the simulator's demo secrets ----------------------------------
  // Cloutility: test, browse a unit, its consumption units, a node, jobs, reports, billing.
  await addConnection(page, { provider: 'cloutility', name: 'Live Cloutility', baseUrl: cloutilityUrl, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: ct.password })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection works.')
  await expect(page.getByRole('tree', { name: 'Business units' })).toBeVisible()
  await snap('cloutility tree')
  const target = busyConsumer(sim)
  await openUnit(page, target.buName, target.buId)
  const units = page.getByRole('table', { name: `Consumption units of ${target.buName}` })
  await expect(units.getByRole('button', { name: target.cuName })).toBeVisible()
  await snap('cloutility consumption units')
  await units.getByRole('button', { name: target.cuName }).click()
  await expect(page.getByTestId('node-state')).toHaveText('Activated')
  await snap('cloutility node')
  await page.getByRole('tab', { name: 'Jobs' }).click()
  await expect(page.getByRole('table', { name: `Jobs of ${target.cuName}` })).toBeVisible()
  await page.getByRole('tab', { name: 'Reports' }).click()
  await expect(page.getByRole('table', { name: `Daily reports of ${target.cuName}` })).toBeVisible()
  await page.getByRole('tab', { name: 'Audit log' }).click()
  await expect(page.getByRole('table', { name: `Audit log of ${target.cuName}` })).toBeVisible()
  await snap('cloutility jobs, reports, audit log')

  // An edit: a new consumption unit with a node, activated; its password is the one exception.
  await page.getByRole('button', { name: /←/ }).click()
  await page.getByRole('tab', { name: 'Consumption units' }).click()
  await page.getByRole('button', { name: 'New consumption unit' }).click()
  await page.getByRole('dialog').getByLabel('Name').fill('LEAK-SCAN-01')
  await page.getByRole('dialog').getByRole('button', { name: 'Create consumption unit' }).click()
  await expect(page.getByRole('heading', { name: 'LEAK-SCAN-01' })).toBeVisible()
  await page.getByRole('button', { name: 'Create backup node' }).click()
  const nodeDialog = page.getByRole('dialog')
  await expect(nodeDialog.getByLabel('Operating system').locator('option')).not.toHaveCount(1)
  await nodeDialog.getByLabel('Operating system').selectOption({ index: 1 })
  await nodeDialog.getByLabel('Node type').selectOption({ index: 1 })
  await nodeDialog.getByLabel('Domain (retention)').selectOption({ index: 1 })
  await nodeDialog.getByLabel('Client option set').selectOption({ index: 1 })
  await nodeDialog.getByRole('button', { name: 'Create node' }).click()
  await expect(page.getByTestId('node-state')).toHaveText('Not activated')
  await page.getByRole('button', { name: 'Activate…' }).click()
  const wizard = page.getByRole('dialog', { name: 'Activate backup node' })
  await expect(wizard.getByLabel('Node name')).not.toHaveValue('')
  await wizard.getByRole('button', { name: 'Activate' }).click()
  await expect(page.getByTestId('node-state')).toHaveText('Activated')
  const unit = [...sim.cloutility.data.consumers.values()].find((c) => c.name === 'LEAK-SCAN-01')
  const activatedPassword = unit?.node?.tsmPassword ?? ''
  expect(activatedPassword.length).toBeGreaterThan(0)
  await snap('cloutility node activated')

  // Reveal: the password appears only after the click and is gone after Hide.
  const revealAnswersBefore = app.responses.filter((r) => r.includes(activatedPassword)).length
  expect(revealAnswersBefore).toBe(0)
  const value = page.getByTestId('node-password-value')
  expect(await page.content()).not.toContain(activatedPassword)
  await page.getByRole('button', { name: 'Reveal' }).click()
  await expect(value).toHaveText(activatedPassword)
  await page.getByRole('button', { name: 'Hide', exact: true }).click()
  await expect(value).not.toContainText(activatedPassword)
  expect(await page.content()).not.toContain(activatedPassword)
  expect(app.responses.filter((r) => r.includes(activatedPassword))).toHaveLength(1)

  // A new node password typed by the technician: into main, never back (but for one Reveal).
  await page.getByRole('button', { name: 'Change password…' }).click()
  const pwDialog = page.getByRole('dialog')
  await pwDialog.getByLabel('New password', { exact: true }).fill(CANARIES.nodePassword)
  await pwDialog.getByLabel('Repeat the new password').fill(CANARIES.nodePassword)
  await pwDialog.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByText('Password changed and stored in the vault.')).toBeVisible()
  expect(unit?.node?.tsmPassword).toBe(CANARIES.nodePassword)
  await snap('cloutility node password changed')
  await page.getByRole('button', { name: 'Reveal' }).click()
  await expect(value).toHaveText(CANARIES.nodePassword)
  await page.getByRole('button', { name: 'Hide', exact: true }).click()
  await expect(value).not.toContainText(CANARIES.nodePassword)
  await snap('cloutility node password hidden again')
  expect(app.responses.filter((r) => r.includes(CANARIES.nodePassword))).toHaveLength(1)

  // Billing of the home unit.
  await page.getByRole('button', { name: /←/ }).click()
  const home = sim.cloutility.data.businessUnits.get(ct.homeBusinessUnitId)
  await openUnit(page, home?.name ?? '', home?.id ?? 0)
  await page.getByRole('tab', { name: 'Billing' }).click()
  await expect(page.getByRole('table', { name: 'Invoices' }).getByRole('row').nth(1)).toBeVisible()
  await snap('cloutility billing')

  // CloudAlly partner: overview, tasks, a download request followed to its link.
  await addConnection(page, { provider: 'cloudally', name: 'Live CloudAlly', baseUrl: cloudallyUrl, clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.partnerEmail, password: ca.partnerPassword })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection works.')
  await expect(page.getByTestId('cloudally-partner')).toContainText(sim.cloudally.data.partner.partnerId)
  await snap('cloudally overview')
  await page.getByRole('tab', { name: 'Tasks' }).click()
  const task = sim.cloudally.data.tasks.find((t) => t.lastBackupMs !== null && t.status === 'ACTIVE')
  if (!task) throw new Error('no CloudAlly task with a snapshot in this seed')
  await expect(page.getByTestId('cloudally-task-row')).toHaveCount(sim.cloudally.data.tasks.length)
  await snap('cloudally tasks')
  for (const kind of ['Download', 'Restore'] as const) {
    await page.getByRole('button', { name: `Restore or download ${task.alias}`, exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('radio', { name: new RegExp(kind) }).check()
    await dialog.getByRole('button', { name: 'Review…' }).click()
    await dialog.getByRole('button', { name: `Start ${kind.toLowerCase()}` }).click()
    await expect(dialog.getByTestId('restore-progress')).toBeVisible()
    if (kind === 'Download') {
      clockMs += 10 * 60_000
      // The app polls the job at least every 15 s, well inside the expect timeout.
      await expect(dialog.getByTestId('restore-progress')).toHaveAttribute('data-status', 'completed')
      await expect(dialog.getByTestId('download-link')).toBeVisible()
    }
    await snap(`cloudally ${kind.toLowerCase()} requested`)
    await dialog.getByRole('button', { name: 'Close' }).click()
  }

  // CloudAlly portal user.
  await addCloudAllyConnection(page, sim, 'Live CloudAlly portal', { baseUrl: cloudallyUrl, login: 'portal user' })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection works.')
  await snap('cloudally portal user')

  // Cloudback: test, look up, save, and a 422 explained.
  await addConnection(page, { provider: 'cloudback', name: 'Live Cloudback', baseUrl: cloudbackUrl, apiKey: cb.apiKey })
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('probe-result')).toContainText('Connection works.')
  const editor = await lookUpDemoRepository(page)
  await snap('cloudback lookup')
  await editor.getByLabel('Schedule', { exact: true }).fill('Daily at 5 am')
  await editor.getByRole('button', { name: 'Save settings' }).click()
  await expect(editor.getByText('Saved at Cloudback.')).toBeVisible()
  await editor.getByLabel('Schedule', { exact: true }).fill('Daily at 25 pm')
  await editor.getByRole('button', { name: 'Save settings' }).click()
  await expect(editor.getByTestId('cloudback-error')).toBeVisible()
  await snap('cloudback saved and a 422')
  // The refused schedule is still an unsaved edit: leaving asks, and it is discarded.
  await editor.getByRole('button', { name: 'Close' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click()

  // Duplicate a working connection: the copy carries the secrets inside main only.
  await page.getByRole('button', { name: 'Duplicate' }).click()
  await expect(page.getByTestId('status-connections')).toHaveText('9 connections')
  await snap('connection duplicated')

  // Fleet health scans every connection, the failing canary ones included.
  await page.getByRole('button', { name: 'Fleet health' }).click()
  await page.getByRole('button', { name: 'Scan now' }).click()
  await expect(page.getByRole('status').filter({ hasText: /Scan finished/ })).toBeVisible()
  await snap('fleet health')

  // The team workspace: every connection moved into a workspace in a repository on disk. Every
  // object of that repository and of the local clone in the data folder is scanned below,
  // decompressed as git reads them.
  const teamRepo = join(mkdtempSync(join(tmpdir(), 'backdesk-leak-git-')), 'team.git')
  execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', teamRepo])
  await page.getByRole('button', { name: 'Team workspace' }).click()
  const createWorkspace = page.getByRole('form', { name: 'Create a workspace' })
  await createWorkspace.getByLabel('Repository').fill(teamRepo)
  await createWorkspace.getByLabel('Your name').fill('Leak scan')
  await createWorkspace.getByRole('button', { name: 'Create workspace' }).click()
  await expect(page.getByRole('table', { name: 'Members' })).toContainText('Leak scan')
  const sharedCount = await page.evaluate(async () => {
    type Invoke = Record<string, (input?: unknown) => Promise<{ ok: boolean; value: unknown }>>
    const invoke = (window as unknown as { backdesk: { invoke: Invoke } }).backdesk.invoke
    const list = (await invoke['connections.list']!()).value as Array<{ id: string }>
    await invoke['workspace.share']!({ ids: list.map((c) => c.id), mode: 'move' })
    return list.length
  })
  expect(sharedCount).toBe(9)
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(page.getByText('9 shared connections')).toBeVisible()
  await snap('team workspace')

  // The restore center lists every request.
  await page.getByRole('button', { name: 'Restore center' }).click()
  await expect(page.getByRole('heading', { name: 'Restore center' })).toBeVisible()
  await snap('restore center')

  // Settings: the export form, re-authenticated with the master passphrase, with its own bundle
  // passphrase and the node passwords. The bundle reaches the browser as a one-time download,
  // never in an IPC answer.
  await page.getByRole('button', { name: 'Settings' }).click()
  const answersBeforeExport = app.responses.length
  await page.locator('#export-master').fill(PASSPHRASE)
  await page.locator('#export-pass').fill(CANARIES.bundlePassphrase)
  await page.locator('#export-confirm').fill(CANARIES.bundlePassphrase)
  await page.getByLabel('Include the backup node passwords').check()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export bundle' }).click()
  const bundle = await download
  await expect(page.getByTestId('export-outcome')).toContainText('your browser is downloading')
  await expect(page.locator('#export-master')).toHaveValue('')
  await expect(page.locator('#export-pass')).toHaveValue('')
  await snap('settings export')
  const chunks: Buffer[] = []
  for await (const chunk of await bundle.createReadStream()) chunks.push(chunk as Buffer)
  const bundleText = Buffer.concat(chunks).toString('utf8')
  expect(bundleText).toMatch(/^-----BEGIN BACKDESK BUNDLE-----\n/)
  const exportAnswers = app.responses.slice(answersBeforeExport)
  expect(exportAnswers.some((r) => r.includes('"download":"/download/'))).toBe(true)
  const bundleLines = bundleText.split('\n').filter((line) => line.length >= 32 && !line.startsWith('-----'))
  expect(bundleLines.length).toBeGreaterThan(0)
  for (const answer of app.responses) {
    expect(answer).not.toContain('BACKDESK BUNDLE')
    expect(bundleLines.some((line) => answer.includes(line)), 'a line of the bundle in an IPC answer').toBe(false)
  }
  // Served once: the same address, asked again as the browser would, has nothing left.
  expect(bundle.url()).toMatch(new RegExp(`^${app.shell.origin}/download/`))
  expect((await page.request.get(bundle.url(), { headers: { 'sec-fetch-mode': 'navigate' } })).status()).toBe(404)

  // Lock and unlock: the vault events and the unlock answer carry no secret either.
  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Unlock Backdesk' })).toBeVisible()
  await snap('locked')
  await page.locator('#unlock-pass').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByTestId('status-vault')).toContainText('unlocked')
  await snap('unlocked again')

  // --- the scan ----------------------------------------------------------------------------------
  // Every event sent so far has reached the stream reader once a last one, sent after them on the
  // same stream, has.
  const endOfRun = `leak scan: end of run ${Date.now()}`
  app.shell.core.events.emit('app.notice', { level: 'info', message: endOfRun })
  await expect.poll(() => events.text().includes(endOfRun)).toBe(true)
  events.close()
  const secrets = new Map<string, string>()
  for (const [name, value] of Object.entries(CANARIES)) secrets.set(value, `canary ${name}`)
  for (const [name, value] of [
    ['Cloutility demo password', ct.password],
    ['CloudAlly demo client secret', ca.clientSecret],
    ['CloudAlly demo partner password', ca.partnerPassword],
    ['CloudAlly demo portal password', ca.portalPassword],
    ['Cloudback demo API key', cb.apiKey],
    ['vault passphrase', PASSPHRASE]
  ] as const) {
    secrets.set(value, name)
  }
  for (const token of tokens) secrets.set(token, 'a token the simulator issued')
  for (const password of nodePasswords) secrets.set(password, 'a node password Cloutility sent')
  for (const value of registered) if (!secrets.has(value)) secrets.set(value, 'a value the app registered as secret')
  // The explicit reveals are checked above, answer by answer and step by step.
  const revealed = new Set([activatedPassword, CANARIES.nodePassword])

  // The scan is only as good as its inputs: the run did log in, get tokens and read node passwords.
  expect(tokens.size, 'tokens captured by the recording proxy').toBeGreaterThanOrEqual(3)
  expect([...tokens].every((t) => registered.has(t)), 'every issued token was registered as secret').toBe(true)
  expect(nodePasswords.size, 'node passwords Cloutility sent').toBeGreaterThan(0)
  expect(app.responses.length).toBeGreaterThan(50)
  // Every provider answered errors that echoed the credentials it was sent.
  expect(proxies.map((p) => p.echoed() > 0), 'error answers echoed by each provider').toEqual([true, true, true])
  expect(events.text()).toContain('data: ')
  expect(dom.length).toBeGreaterThan(20)

  test.info().annotations.push({ type: 'scanned', description: JSON.stringify({ secrets: secrets.size, tokens: tokens.size, nodePasswords: nodePasswords.size, registered: registered.size, responses: app.responses.length, events: events.text().length, dom: dom.length, logs: app.logs.length, bundle: bundleText.length }) })
  const haystacks: Array<{ where: string; text: string; revealAllowed?: boolean }> = [
    { where: 'IPC answers', text: app.responses.join('\n'), revealAllowed: true },
    { where: 'event stream', text: events.text() },
    { where: 'logs', text: JSON.stringify(app.logs) },
    { where: 'export bundle', text: bundleText },
    ...dom.map((d) => ({ where: `DOM at "${d.step}"`, text: d.text })),
    ...filesUnder(app.dataDir).map((f) => ({ where: `file ${f.path}`, text: f.text })),
    { where: 'the workspace repository (every object)', text: gitObjects(teamRepo) },
    ...readdirSync(join(app.dataDir, 'workspace')).map((clone) => ({ where: `workspace clone ${clone} (every object)`, text: gitObjects(join(app.dataDir, 'workspace', clone)) }))
  ]
  const leaks: string[] = []
  for (const { where, text, revealAllowed } of haystacks) {
    for (const [secret, name] of secrets) {
      if (revealAllowed && revealed.has(secret)) continue
      if (formsOf(secret).some((form) => text.includes(form))) leaks.push(`${name} in ${where}`)
    }
  }
  expect(leaks).toEqual([])

  // The router's last guard never had to withhold an answer: no handler tried to return a secret.
  const withheld = app.logs.filter((r) => /withheld|tried to return a secret/i.test(r.message))
  expect(withheld.map((r) => r.message)).toEqual([])
  expect(app.responses.filter((r) => r.includes('withheld an answer'))).toEqual([])
})

// The same secrets against the attack a compromised renderer can make through the web shell's
// bridge: re-point a working connection of every provider at a stranger (a recording listener on
// another loopback port) by update, by duplicate and update, and by importing a crafted bundle,
// then ask for a test, a read, a fleet scan and a customer page. Nothing may reach the stranger.
test('a renderer cannot re-point a connection to carry its secrets elsewhere', async ({ page, app }) => {
  const stranger = await startRecordingListener()
  try {
    await createVault(page)
    const ct = sim.cloutility.credentials
    const ca = sim.cloudally.credentials
    const invoke = (channel: string, input?: unknown) =>
      page.evaluate(
        ([name, value]) => (window as unknown as { backdesk: { invoke: Record<string, (i?: unknown) => Promise<unknown>> } }).backdesk.invoke[name as string]!(value),
        [channel, input] as const
      ) as Promise<{ ok: boolean; value?: { id: string; [k: string]: unknown }; error?: { code: string; message: string; details?: Record<string, unknown> } }>
    const subject = { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository', subjectType: 'Repository' }
    const cases = [
      {
        create: { provider: 'cloutility', name: 'Victim Cloutility', customer: 'Victim', baseUrl: sim.cloutility.url, clientId: ct.clientId, origin: ct.origin, username: ct.username, password: ct.password },
        read: (connectionId: string) => ['cloutility.tree', { connectionId }] as const
      },
      {
        create: { provider: 'cloudally', name: 'Victim CloudAlly', customer: 'Victim', baseUrl: sim.cloudally.url, mode: 'partner', clientId: ca.clientId, clientSecret: ca.clientSecret, email: ca.partnerEmail, password: ca.partnerPassword },
        read: (connectionId: string) => ['cloudally.partner.get', { connectionId }] as const
      },
      {
        create: { provider: 'cloudback', name: 'Victim Cloudback', customer: 'Victim', baseUrl: sim.cloudback.url, apiKey: sim.cloudback.credentials.apiKey },
        read: (connectionId: string) => ['cloudback.definition.get', { connectionId, ...subject }] as const
      }
    ]
    const ids: string[] = []
    for (const c of cases) {
      const created = await invoke('connections.create', c.create)
      expect(created.ok).toBe(true)
      const id = created.value!.id
      ids.push(id)
      expect((await invoke('connections.test', { id })).value).toMatchObject({ ok: true })
      const provider = c.create.provider
      // By update: the base URL alone, or with a non-secret field.
      for (const patch of [{ baseUrl: stranger.url }, { baseUrl: stranger.url, name: 'Renamed' }]) {
        expect(await invoke('connections.update', { provider, id, ...patch })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      }
      // By duplicate, then update of the copy.
      const copy = await invoke('connections.duplicate', { id })
      expect(await invoke('connections.update', { provider, id: copy.value!.id, baseUrl: stranger.url })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      await invoke('connections.delete', { id: copy.value!.id, confirmId: copy.value!.id })
    }

    // By a crafted bundle: these very records, their base URLs on the stranger.
    const content = app.shell.core.vault.connections.contentForExport(ids, false)
    for (const record of content.connections) record.baseUrl = stranger.url
    const bundlePass = 'crafted bundle pass 55 walnut'
    const bundle = await createBundle(content, bundlePass, { N: 2 ** 10, r: 8, p: 1 }, new Date().toISOString())
    expect(await invoke('vault.import', { mode: 'merge', bundle, passphrase: bundlePass, conflicts: 'overwrite' })).toMatchObject({ ok: true })
    for (const [i, c] of cases.entries()) {
      const id = ids[i] as string
      for (const [channel, input] of [['connections.test', { id }], c.read(id)] as const) {
        const answer = await invoke(channel, input)
        expect(answer, `${c.create.provider} ${channel}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
        expect(answer.error?.message).toContain(stranger.origin)
      }
    }
    await invoke('fleet.scan.start')
    await expect.poll(async () => ((await invoke('fleet.scan.status')).value as { state?: string } | null)?.state).not.toBe('running')
    const notes = ((await invoke('fleet.scan.status')).value as unknown as { notes: Array<{ connectionId: string; code: string }> }).notes
    // Every one (Cloudback too, though it tracks nothing: the scan still checks its key) is refused before any call.
    expect(notes.filter((n) => ids.includes(n.connectionId)).map((n) => n.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'])
    expect((await invoke('customers.get', { name: 'Victim', refresh: true })).ok).toBe(true)

    // Nothing reached the stranger, in any form.
    const received = stranger.text()
    for (const secret of [ct.password, ca.clientSecret, ca.partnerPassword, sim.cloudback.credentials.apiKey]) {
      expect(formsOf(secret).some((form) => received.includes(form))).toBe(false)
    }
    expect(app.shell.core.secrets.containsSecret(received)).toBe(false)
    expect(stranger.requests).toEqual([])
  } finally {
    await stranger.close()
  }
})
