// 8.4 Renderer, in Chromium (playwright-core) over the web shell, against the simulator with
// 10,000 consumption units in ONE business unit (the home unit: the console opens on it):
//  - time to first render of the consumption-unit table after its data arrives: from the moment the
//    IPC answer's JSON is parsed in the page to the first painted frame with the rows in the DOM;
//  - frame time while scrolling and while typing in the filter: requestAnimationFrame deltas in
//    the page, with Chromium's frame-rate cap off (otherwise every delta reads as one 60 Hz vsync),
//    so a delta is what a frame really cost;
//  - first-screen JavaScript: the built assets index.html loads, gzipped.
// Needs `npx electron-vite build` first (out/renderer).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Page } from 'playwright-core'
import { startWebShell } from '../../src/main/web/web-shell'
import { startSimulator, type Simulator } from '../../src/simulator'
import { findChromium } from '../e2e/browser'
import { median, summarise, type Figure } from './harness'

const RENDERER = resolve('out/renderer')
const PASSPHRASE = 'bench renderer amber tractor 42!'

/** Moves every consumption unit of the home subtree into the home business unit (one 10,000-row list). */
function concentrate(sim: Simulator): number {
  const data = sim.cloutility.data
  const home = data.businessUnits.get(data.homeBusinessUnitId)
  if (!home) throw new Error('no home business unit')
  const stack = [...home.childIds]
  while (stack.length) {
    const bu = data.businessUnits.get(stack.pop() as number)
    if (!bu) continue
    stack.push(...bu.childIds)
    for (const id of bu.consumerIds) {
      const c = data.consumers.get(id)
      if (!c) continue
      c.buId = home.id
      home.consumerIds.push(id)
    }
    bu.consumerIds = []
  }
  data.revision++ // edited directly, not through the API: stored reports are stale
  return home.consumerIds.length
}

/** First-screen JavaScript: every script and modulepreload in index.html, gzipped (level 6, as servers send it). */
export function firstScreenJs(): { files: number; rawKB: number; gzipKB: number } {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8')
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1] as string)
  let raw = 0
  let gz = 0
  for (const src of new Set(srcs)) {
    const file = join(RENDERER, src.replace(/^\.?\//, ''))
    if (!existsSync(file)) continue
    const bytes = readFileSync(file)
    raw += bytes.length
    gz += gzipSync(bytes, { level: 6 }).length
  }
  return { files: new Set(srcs).size, rawKB: raw / 1024, gzipKB: gz / 1024 }
}

// Runs in the page before the app: stamps when the consumption-unit list's JSON is parsed, and
// when the table first shows rows after that (next frame after the DOM has them).
const INSTRUMENT = `(() => {
  const marks = { dataAt: 0, renderedAt: 0 };
  window.__bench = marks;
  const json = Response.prototype.json;
  Response.prototype.json = async function () {
    const value = await json.call(this);
    if (this.url.includes('cloutility.consumptionUnits.list') && value && value.ok && value.value.items.length > 5000) {
      marks.dataAt = performance.now();
      marks.renderedAt = 0;
      const check = () => {
        const table = document.querySelector('table.virtual[aria-label^="Consumption units of"]');
        const rows = table ? table.querySelectorAll('tbody tr:not(.spacer-row)').length : 0;
        const count = table ? Number(table.getAttribute('aria-rowcount')) : 0;
        if (rows > 5 && count > 5000) { requestAnimationFrame(() => { marks.renderedAt = performance.now(); }); return; }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }
    return value;
  };
})();`

// Page-side code as strings: tsx would wrap named functions in helpers the page does not have.
//
// Frame time: headless Chromium paces requestAnimationFrame to a 60 Hz vsync, so rAF deltas alone
// read 16.7 ms however little a frame costs. So two things are recorded per frame:
//  - busy: the main thread's work in that frame. A MessageChannel ping-pong runs all the time; any
//    pause between two pings longer than 0.5 ms is the main thread doing something else (event
//    handlers, React renders, style, layout, paint). Summed per rAF interval: the frame's cost;
//  - interval: the rAF delta, to show whether any vsync was missed (an interval near 33 ms).
const START_FRAMES = `(() => {
  const w = window;
  w.__busy = []; w.__intervals = []; w.__frameLoop = true;
  let busy = 0, lastPing = performance.now(), lastFrame = 0;
  const ch = new MessageChannel();
  ch.port1.onmessage = () => { const t = performance.now(); const gap = t - lastPing; if (gap > 0.5) busy += gap; lastPing = t; if (w.__frameLoop) ch.port2.postMessage(0); };
  ch.port2.postMessage(0);
  const tick = (t) => { if (lastFrame) { w.__intervals.push(t - lastFrame); w.__busy.push(busy); } busy = 0; lastFrame = t; if (w.__frameLoop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`
const STOP_FRAMES = `(() => { window.__frameLoop = false; return { busy: window.__busy.slice(1), intervals: window.__intervals.slice(1) }; })()`

interface FrameSamples {
  busy: number[]
  intervals: number[]
}

async function frames(page: Page, action: () => Promise<void>): Promise<FrameSamples> {
  await page.evaluate(START_FRAMES)
  await action()
  return (await page.evaluate(STOP_FRAMES)) as FrameSamples
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0
}

export async function benchRenderer(reps = 5): Promise<Figure[]> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build')
  const figures: Figure[] = []
  const js = firstScreenJs()
  figures.push({
    name: '8.4 First-screen JavaScript (gzip)',
    unit: 'KB',
    median: Math.round(js.gzipKB * 10) / 10,
    budget: '≤ 400 KB',
    pass: js.gzipKB <= 400,
    note: `${js.files} file(s), ${Math.round(js.rawKB)} KB before gzip`
  })

  const sim = await startSimulator({ nodes: 10_000, businessUnits: 800, seed: 3 })
  const units = concentrate(sim)
  const dataDir = mkdtempSync(join(tmpdir(), 'backdesk-bench-renderer-'))
  const shell = await startWebShell({ dataDir, rendererDir: RENDERER })
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // As the E2E tests run it: no GPU here, so Chromium rasterises in software.
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
  })
  try {
    const router = shell.core.router
    await router.dispatch('vault.setup', { passphrase: PASSPHRASE, confirm: PASSPHRASE }, 'test')
    const c = sim.cloutility.credentials
    const created = (await router.dispatch(
      'connections.create',
      { provider: 'cloutility', name: 'Bench 10k', baseUrl: sim.cloutility.url, clientId: c.clientId, origin: c.origin, username: c.username, password: c.password },
      'test'
    )) as { ok: boolean; value?: { id: string } }
    if (!created.ok) throw new Error(`could not create the connection: ${JSON.stringify(created)}`)

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.addInitScript(INSTRUMENT)
    const firstRender: number[] = []
    for (let i = 0; i < reps; i++) {
      await page.goto(shell.url)
      await page.getByRole('button', { name: /^Bench 10k/ }).click()
      await page.waitForFunction(() => (window as unknown as { __bench: { renderedAt: number } }).__bench.renderedAt > 0, undefined, { timeout: 60_000 })
      firstRender.push(await page.evaluate(() => {
        const m = (window as unknown as { __bench: { dataAt: number; renderedAt: number } }).__bench
        return m.renderedAt - m.dataAt
      }))
    }
    figures.push(summarise('8.4 CU table (10,000 rows): first render after data arrives', 'ms', firstRender, { text: '< 200 ms', ok: (m) => m < 200 }, `${units.toLocaleString('en-US')} consumption units in one business unit; ${reps} page loads`))

    // Scrolling: 5 passes of 150 frames, 240 px per frame (about 7 rows), down then up.
    const scroller = page.locator('.virtual-scroll').first()
    const scroll: FrameSamples = { busy: [], intervals: [] }
    for (let pass = 0; pass < 5; pass++) {
      const deltas = await frames(page, async () => {
        await scroller.evaluate(
          async (el, dir) => {
            for (let f = 0; f < 150; f++) {
              el.scrollTop += dir * 240
              await new Promise((r) => requestAnimationFrame(r))
            }
          },
          pass % 2 ? -1 : 1
        )
      })
      scroll.busy.push(...deltas.busy)
      scroll.intervals.push(...deltas.intervals)
    }
    figures.push(frameFigure('8.4 CU table: frame time while scrolling', scroll))

    // Filtering: type into the filter, one key every 60 ms, then clear it; 5 times.
    const filter = page.getByLabel('Filter', { exact: true })
    const typing: FrameSamples = { busy: [], intervals: [] }
    for (let pass = 0; pass < 5; pass++) {
      const deltas = await frames(page, async () => {
        await filter.click()
        await page.keyboard.type('ws2', { delay: 60 })
        await page.keyboard.press('Backspace', { delay: 60 })
        await page.keyboard.press('Backspace', { delay: 60 })
        await page.keyboard.press('Backspace', { delay: 60 })
        await page.waitForTimeout(100)
      })
      typing.busy.push(...deltas.busy)
      typing.intervals.push(...deltas.intervals)
    }
    figures.push(frameFigure('8.4 CU table: frame time while filtering', typing))
  } finally {
    await browser.close()
    await shell.close()
    await sim.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return figures
}

function frameFigure(name: string, samples: FrameSamples): Figure {
  const busy = [...samples.busy].sort((a, b) => a - b)
  const q95 = p95(busy)
  const missed = samples.intervals.filter((d) => d > 25).length
  return {
    name: `${name}: main-thread work per frame (p95)`,
    unit: 'ms',
    median: Math.round(q95 * 10) / 10,
    min: Math.round((busy[0] ?? 0) * 10) / 10,
    max: Math.round((busy.at(-1) ?? 0) * 10) / 10,
    budget: '< 16 ms',
    pass: q95 < 16,
    note: `${busy.length} frames; work median ${median(busy).toFixed(1)} ms, p95 ${q95.toFixed(1)} ms, worst ${(busy.at(-1) ?? 0).toFixed(1)} ms; rAF interval median ${median(samples.intervals).toFixed(1)} ms, ${missed} frame(s) over 25 ms (a missed 60 Hz vsync)`
  }
}
