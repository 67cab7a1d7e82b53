import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from '../../src/simulator/cli'
import { call } from './helpers'

const cli = fileURLToPath(new URL('../../src/simulator/cli.ts', import.meta.url))

describe('simulator CLI', () => {
  it('parses every flag', () => {
    expect(parseCliArgs([])).toEqual({ scale: 'demo' })
    expect(parseCliArgs(['--help'])).toBe('help')
    expect(parseCliArgs(['--port', '4100', '--seed', '9', '--scale', 'tiny', '--business-units', '12', '--nodes', '30', '--latency', '50,20', '--faults', 'cloudback=500:times=1'])).toEqual({
      scale: 'tiny',
      basePort: 4100,
      seed: 9,
      businessUnits: 12,
      nodes: 30,
      latency: { ms: 50, jitterMs: 20 },
      faults: [{ provider: 'cloudback', kind: '500', times: 1 }]
    })
    expect(parseCliArgs(['--latency', '25'])).toMatchObject({ latency: { ms: 25, jitterMs: 0 } })
    expect(parseCliArgs(['--strict'])).toEqual({ scale: 'demo', strict: true })
    expect(parseCliArgs(['--compress'])).toEqual({ scale: 'demo', compress: true })
    expect(() => parseCliArgs(['--scale', 'massive'])).toThrow()
    expect(() => parseCliArgs(['--nodes', 'many'])).toThrow()
    expect(() => parseCliArgs(['--faults', 'cloudback=teapot'])).toThrow()
    expect(() => parseCliArgs(['--unknown'])).toThrow()
  })

  it('prints URLs and credentials, serves requests, and stops cleanly on SIGTERM', async ({ signal }) => {
    // The test's signal ends the child if the test times out.
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--scale', 'tiny', '--seed', '5'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'], signal })
    child.on('error', () => undefined) // the abort on a timeout; the timeout is the failure
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      // The banner, or the child's end without it: no time limit of our own.
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => {
          if (out.includes('Press Ctrl+C')) resolve()
        })
        void exited.then((code) => reject(new Error(`exited ${code} without the banner: ${out}`)))
      })
      const url = /Cloutility\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
      const apiKey = /X-API-Key\s+(\S+)/.exec(out)?.[1]
      expect(url).toBeDefined()
      expect(out).toMatch(/CloudAlly\s+http:\/\/127\.0\.0\.1:\d+/)
      expect(out).toMatch(/client-secret\s+\S+/)
      expect(out).toContain('technician@backdesk.example')
      const cb = /Cloudback\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
      const res = await call(`${cb}/ops/definition/get`, { method: 'POST', headers: { 'x-api-key': apiKey ?? '' }, json: { platform: 'GitHub', account: 'backdesk-demo', subjectName: 'demo-repository' } })
      expect(res.status).toBe(200)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(out).toContain('stopped')
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })
})
