// `npm run web`: the same core and renderer as the desktop app, served to a browser on 127.0.0.1.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, realpathSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { openThrowawayDemo, removeThrowawayDataDir, throwawayDataDir } from '../core/demo/throwaway-session'
import { stderrSink } from '../core/log/logger'
import { startWebShell, type WebShell } from './web-shell'

const HELP = `Usage: npm run web -- [options]

  --port <n>        port on 127.0.0.1 (default: any free port)
  --data-dir <dir>  where the vault and settings live (default: ~/.backdesk-web)
  --demo            a throwaway session: a temporary data folder with the Demo
                    workspace loaded and a random passphrase printed once;
                    everything is deleted when this stops
  --no-open         do not open a browser
  --quiet           no log lines on stderr
  -h, --help        this text
`

/** Starts a program with these arguments. Every local user can read them in the process list. */
export type BrowserOpener = (command: string, args: readonly string[]) => void

export interface WebCliDeps {
  /** Default: a detached child process. */
  open?: BrowserOpener
  /** Default: stdout. */
  print?: (text: string) => void
  /** Default: out/renderer under the working directory. */
  rendererDir?: string
  /** Which OS command opens a URL. Default: this process's platform. */
  platform?: NodeJS.Platform
}

function defaultDataDir(): string {
  return process.env['BACKDESK_DATA_DIR'] ?? join(homedir(), '.backdesk-web')
}

const spawnDetached: BrowserOpener = (command, args) => {
  try {
    const child = spawn(command, [...args], { detached: true, stdio: 'ignore' })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No browser here: the printed URL is enough.
  }
}

/** The OS command that opens `url` in the default browser. */
export function browserCommand(url: string, platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] }
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '', url] }
  return { command: 'xdg-open', args: [url] }
}

/**
 * Parses the flags, starts the shell and prints the sign-in URL. The browser it opens gets a
 * one-time launch URL instead of that one: the token would sit in the opener's argv (and the
 * browser's) where every local user can read it. Answers the running shell, or undefined (--help).
 */
export async function runWebCli(argv: readonly string[], deps: WebCliDeps = {}): Promise<WebShell | undefined> {
  const print = deps.print ?? ((text: string) => void process.stdout.write(text))
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    },
    strict: true
  })
  if (values.help) {
    print(HELP)
    return undefined
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`)
  const demo = values.demo
  if (demo && values['data-dir'] !== undefined) throw new Error('--demo makes its own temporary data folder; leave out --data-dir')
  const rendererDir = deps.rendererDir ?? resolve('out/renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('No renderer build in out/renderer. Run `npm run build` first (npm run web does this for you).')
  }
  const dataDir = demo ? throwawayDataDir() : resolve(values['data-dir'] ?? defaultDataDir())
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  let shell: WebShell
  try {
    shell = await startWebShell({ dataDir, rendererDir, port, logSinks: values.quiet ? [] : [stderrSink], ...(demo ? { throwaway: true } : {}) })
  } catch (err) {
    if (demo) removeThrowawayDataDir(dataDir)
    throw err
  }
  if (demo) {
    const close = shell.close.bind(shell)
    shell.close = async () => {
      try {
        await close()
      } finally {
        removeThrowawayDataDir(dataDir)
      }
    }
    try {
      const { passphrase } = await openThrowawayDemo(shell.core)
      print(
        'Backdesk demo: a throwaway session with the Demo workspace. Nothing is kept: the data folder is deleted when this stops.\n' +
          `Vault passphrase for this session (shown once, to unlock after the auto-lock): ${passphrase}\n`
      )
    } catch (err) {
      await shell.close()
      throw err
    }
  }
  print(`Backdesk web: ${shell.url}\n`)
  if (!values['no-open']) {
    const launch = shell.launchUrl()
    if (launch) {
      const { command, args } = browserCommand(launch, deps.platform ?? process.platform)
      ;(deps.open ?? spawnDetached)(command, args)
    }
  }
  return shell
}

async function main(): Promise<void> {
  const shell = await runWebCli(process.argv.slice(2))
  if (!shell) return
  const stop = () => {
    void shell.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

/** Run as a program (node --import tsx src/main/web/cli.ts), not when imported by tests. */
function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (script === undefined) return false
  try {
    // Real paths: a checkout reached through a symbolic link names the module by its target.
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  main().catch((error: unknown) => {
    process.stderr.write(`Backdesk web could not start: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
