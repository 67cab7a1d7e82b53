import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Two runtimes, two projects. `electron` is stubbed for the node project: importing the real
// package under plain Node tries to download the Electron binary and dies.
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
          testTimeout: 20_000,
          hookTimeout: 30_000
        }
      },
      {
        plugins: [react()],
        resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.{ts,tsx}', 'test/renderer/**/*.test.{ts,tsx}'],
          testTimeout: 20_000
        }
      }
    ]
  }
})
