#!/usr/bin/env node
// `npm start`: build, then run the desktop app. Electron downloads its binary lazily; where that
// is impossible (no access to Electron's releases) say so in one line and start the web shell.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

function electronBinary() {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const file = join(dir, 'path.txt')
    if (!existsSync(file)) return undefined
    const binary = join(dir, 'dist', readFileSync(file, 'utf8').trim())
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

let binary = electronBinary()
if (!binary) {
  // Electron 45 fetches its binary on first use; try once, quietly.
  spawnSync(process.execPath, ['-e', "require('electron')"], { stdio: 'ignore', timeout: 120_000 })
  binary = electronBinary()
}
if (!binary) {
  // The same core and renderer in the browser, so `npm start` always runs the app (flags such as
  // --demo are passed on).
  process.stderr.write('Backdesk: no Electron binary could be had on this machine; starting the web shell instead (npm run web).\n')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const web = spawn(npm, ['run', '--silent', 'web', '--', ...process.argv.slice(2)], { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal))
  web.on('exit', (code) => process.exit(code ?? 0))
} else {

  const build = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
}
