// `npm run simulator`: starts the three provider simulators and prints how to reach them.
import { parseArgs } from 'node:util'
import { FAULT_KINDS, parseFaultSpec, SCALES, startSimulator, type ScalePreset, type SimulatorOptions } from './index'

const HELP = `Backdesk provider simulator: Cloutility, CloudAlly and Cloudback on 127.0.0.1.

Usage: npm run simulator -- [options]

  --port <base>            cloutility = base, cloudally = base+1, cloudback = base+2 (default: ephemeral)
  --seed <n>               data seed (default 1); same seed, same data
  --scale <preset>         ${Object.entries(SCALES).map(([k, v]) => `${k} (${v.nodes} nodes)`).join(', ')}; default demo
  --business-units <n>     number of Cloutility business units (overrides the preset)
  --nodes <n>              number of Cloutility nodes, 1..50000 (overrides the preset)
  --latency <ms>[,<jitter>] added to every response
  --faults <spec>          e.g. cloutility:GET:/v1/bunits/*=429:retryAfter=1:times=2,cloudback=500
                           kinds: ${FAULT_KINDS.join(', ')}
  --host <addr>            loopback listen address (default 127.0.0.1; ::1 and localhost allowed)
  --strict                 behave like the live services where the default is lenient (see README)
  --compress               gzip answers of 1 KiB or more for clients that accept gzip
  --help                   this text
`

function int(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a non-negative integer, got '${raw}'`)
  return n
}

export function parseCliArgs(argv: string[]): SimulatorOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      'business-units': { type: 'string' },
      nodes: { type: 'string' },
      latency: { type: 'string' },
      faults: { type: 'string' },
      host: { type: 'string' },
      strict: { type: 'boolean' },
      compress: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) return 'help'
  const options: SimulatorOptions = { scale: 'demo' }
  if (values.scale !== undefined) {
    if (!(values.scale in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`)
    options.scale = values.scale as ScalePreset
  }
  const port = int('port', values.port)
  if (port !== undefined) options.basePort = port
  const seed = int('seed', values.seed)
  if (seed !== undefined) options.seed = seed
  const bus = int('business-units', values['business-units'])
  if (bus !== undefined) options.businessUnits = bus
  const nodes = int('nodes', values.nodes)
  if (nodes !== undefined) options.nodes = nodes
  if (values.latency !== undefined) {
    const [ms, jitter] = values.latency.split(',')
    const l = { ms: int('latency', ms) ?? 0, jitterMs: int('latency', jitter) ?? 0 }
    options.latency = l
  }
  if (values.faults !== undefined) options.faults = parseFaultSpec(values.faults)
  if (values.host !== undefined) options.host = values.host
  if (values.strict) options.strict = true
  if (values.compress) options.compress = true
  return options
}

async function main(): Promise<void> {
  let options: SimulatorOptions | 'help'
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`)
    process.exitCode = 2
    return
  }
  if (options === 'help') {
    process.stdout.write(HELP)
    return
  }
  const t0 = performance.now()
  const sim = await startSimulator(options)
  const took = Math.round(performance.now() - t0)
  const { cloutility, cloudally, cloudback } = sim
  const lines = [
    `Backdesk simulator ready in ${took} ms (seed ${options.seed ?? 1}, ${cloutility.data.businessUnits.size} business units, ${cloutility.data.consumers.size} nodes${sim.strict ? ', strict' : ''})`,
    '',
    `Cloutility  ${cloutility.url}`,
    `  client_id           ${cloutility.credentials.clientId}`,
    `  origin              ${cloutility.credentials.origin}`,
    `  username / password ${cloutility.credentials.username} / ${cloutility.credentials.password}`,
    `  client_id (no refresh tokens) ${cloutility.credentials.clientIdNoRefresh}`,
    `  home business unit  ${cloutility.credentials.homeBusinessUnitId}`,
    `  sub-unit app        ${cloutility.credentials.subUnit.clientId}  origin ${cloutility.credentials.subUnit.origin}  user ${cloutility.credentials.subUnit.username}`,
    '',
    `CloudAlly   ${cloudally.url}`,
    `  client-id           ${cloudally.credentials.clientId}`,
    `  client-secret       ${cloudally.credentials.clientSecret}`,
    `  partner login       ${cloudally.credentials.partnerEmail} / ${cloudally.credentials.partnerPassword}`,
    `  portal login        ${cloudally.credentials.portalEmail} / ${cloudally.credentials.portalPassword}`,
    '',
    `Cloudback   ${cloudback.url}`,
    `  X-API-Key           ${cloudback.credentials.apiKey}`,
    `  accounts            ${cloudback.credentials.accounts.join(', ')}`,
    `  plan limit          ${cloudback.credentials.planLimit} enabled definitions`,
    '',
    sim.faults.list().length ? `Faults: ${JSON.stringify(sim.faults.list())}` : 'Faults: none',
    'Press Ctrl+C to stop.'
  ]
  process.stdout.write(`${lines.join('\n')}\n`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`\n${signal}: stopping…\n`)
    sim.stop().then(
      () => {
        process.stdout.write('stopped\n')
        process.exit(0)
      },
      (err: unknown) => {
        process.stderr.write(`stop failed: ${String(err)}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

// Only run when executed directly (the test imports parseCliArgs).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  void main()
}
