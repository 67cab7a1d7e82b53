import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'
import { type LogRecord } from '../../src/main/core/log/logger'
import { memorySink } from '../support/memory-sink'
import { startWebShell, type WebShell } from '../../src/main/web/web-shell'

export interface ShellFixture {
  shell: WebShell
  dataDir: string
  logs: LogRecord[]
  /** Every IPC answer the renderer received from main, for leak scans (events: read /events). */
  responses: string[]
}

/** Runs axe on the current screen; serious or critical violations fail the test. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    blocking.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `accessibility violations on ${screen}`
  ).toEqual([])
}

export const test = base.extend<{ app: ShellFixture }>({
  // A fresh web shell with its own data folder for every test, on the real renderer build.
  app: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'backdesk-e2e-'))
    const sink = memorySink(10_000)
    const shell = await startWebShell({ dataDir, rendererDir: resolve('out/renderer'), logSinks: [sink] })
    const responses: string[] = []
    page.on('response', async (response) => {
      if (!response.url().includes('/ipc/')) return
      try {
        responses.push(await response.text())
      } catch {
        // The page navigated away before the body was read.
      }
    })
    page.on('pageerror', (error) => {
      throw error
    })
    await page.goto(shell.url)
    await use({ shell, dataDir, logs: sink.records, responses })
    await shell.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

export { expect }
