import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Two runtimes, two projects. `electron` is stubbed for the node project: importing the real
// package under plain Node tries to download the Electron binary and dies.
//
// The timeouts only guard against a hang: no test waits for a duration or passes because the
// machine is fast (test/README.md). They sit an order of magnitude above the slowest tests seen on
// a loaded 2-core machine (scrypt with the real defaults: 31 s, a chaos row: 28 s), so other work
// on the machine never fails a test.
const HANG_GUARD_MS = 300_000

export default defineConfig({
  test: {
    // The JSON report is what scripts/test-all.mjs adds up for CI's closing line.
    reporters: ['default', ['json', { outputFile: 'reports/unit.json' }]],
    projects: [
      {
        resolve: { alias: { electron: resolve('test/stubs/electron.ts') } },
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/{main,shared,simulator,security,bench}/**/*.test.ts'],
          exclude: ['src/renderer/**', 'node_modules/**'],
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: HANG_GUARD_MS,
          hookTimeout: HANG_GUARD_MS
        }
      },
      {
        plugins: [react()],
        resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.{ts,tsx}', 'test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: HANG_GUARD_MS,
          hookTimeout: HANG_GUARD_MS
        }
      }
    ]
  }
})
