import { execFile, execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { withSim } from './helpers'

const script = fileURLToPath(new URL('./python/cloutility_example.py', import.meta.url))

function pythonWithRequests(): string | null {
  try {
    execFileSync('python3', ['-c', 'import requests'], { stdio: 'ignore' })
    return null
  } catch {
    return 'python3 with the "requests" module is not available (python3 -m pip install requests)'
  }
}
const missing = pythonWithRequests()

/** Runs the example to its end; `signal` (the test's) ends it if the test times out first. */
function run(env: Record<string, string>, signal: AbortSignal): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('python3', [script], { env: { ...process.env, ...env }, signal }, (err, stdout) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout })
    })
  })
}

describe.skipIf(missing !== null)(`the seed's Python example runs against the simulator${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let sim: Simulator
  beforeAll(async () => {
    // The lax mode: the seed's example is what the simulator was first built to run.
    sim = await withSim({ strict: false })
  })
  afterAll(() => sim.stop())

  const env = () => {
    const c = sim.cloutility.credentials
    return {
      CLOUTILITY_USERNAME: c.username,
      CLOUTILITY_PASSWORD: c.password,
      CLOUTILITY_CLIENT_ID: c.clientId,
      CLOUTILITY_CLIENT_ORIGIN: c.origin,
      CLOUTILITY_API_URL: `${sim.cloutility.url}/v1/`
    }
  }

  it('prints the output the guide promises', async ({ signal }) => {
    const { code, stdout } = await run(env(), signal)
    expect(code).toBe(0)
    expect(stdout.trim().split('\n')).toEqual([
      'Got access token! Expires in 299 seconds.',
      'API call successful!',
      'API full version is: 1.0.4480.0',
      'Refreshed access token. Expires in 299 seconds.'
    ])
    expect(sim.stats.count({ provider: 'cloutility', method: 'POST', path: '/v1/oauth' })).toBe(2)
  })

  it('fails at step 1 with a wrong origin, as the real service would', async ({ signal }) => {
    const { code, stdout } = await run({ ...env(), CLOUTILITY_CLIENT_ORIGIN: 'https://wrong.example' }, signal)
    expect(code).toBe(1)
    expect(stdout.trim()).toBe('Authentication failed.')
  })
})
