// `npm run web`: the same core and renderer as the desktop app, served to a browser on 127.0.0.1.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { stderrSink } from '../core/log/logger'
import { startWebShell } from './web-shell'

const HELP = `Usage: npm run web -- [options]

  --port <n>        port on 127.0.0.1 (default: any free port)
  --data-dir <dir>  where the vault and settings live (default: ~/.backdesk-web)
  --no-open         do not open a browser
  --quiet           no log lines on stderr
  -h, --help        this text
`

function defaultDataDir(): string {
  return process.env['BACKDESK_DATA_DIR'] ?? join(homedir(), '.backdesk-web')
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open'
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url]
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No browser here: the printed URL is enough.
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    },
    strict: true
  })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`)
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir())
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const rendererDir = resolve('out/renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('No renderer build in out/renderer. Run `npm run build` first (npm run web does this for you).')
  }
  const shell = await startWebShell({ dataDir, rendererDir, port, logSinks: values.quiet ? [] : [stderrSink] })
  process.stdout.write(`Backdesk web: ${shell.url}\n`)
  if (!values['no-open']) openBrowser(shell.url)
  const stop = () => {
    void shell.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`Backdesk web could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
