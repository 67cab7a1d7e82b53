import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

/**
 * Which Chromium to drive: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own
 * download where one is installed. None found is a setup problem, said plainly.
 */
export function findChromium(): string {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser']
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate
  try {
    const own = chromium.executablePath()
    if (own && existsSync(own)) return own
  } catch {
    // No Playwright browser installed.
  }
  throw new Error(
    'No Chromium found for the E2E tests. Install Debian\'s: `sudo apt-get install -y chromium`, ' +
      'or set CHROMIUM_PATH to a Chromium/Chrome binary.'
  )
}
