import { defineConfig } from '@playwright/test'
import { findChromium } from './test/e2e/browser'

// Two projects: the web shell in Chromium (always), and the real Electron app (only where an
// Electron binary exists; those specs skip themselves with the reason otherwise).
//
// The timeouts only guard against a hang (test/README.md): every step waits for its condition,
// so a machine busy with other work makes a test slower, never red. They sit several times above
// the slowest step (a vault unlock's scrypt, over 10 s; axe over a large screen) and the slowest
// test (1.7 min) seen on a loaded 2-core machine.
export default defineConfig({
  workers: 1,
  timeout: 10 * 60_000,
  expect: { timeout: 2 * 60_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  outputDir: 'test-results',
  projects: [
    {
      name: 'web',
      testDir: './test/e2e',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: findChromium(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync'
          ]
        }
      }
    },
    { name: 'electron', testDir: './test/electron' }
  ]
})
