// electron-builder cannot run here (it downloads Electron), so its configuration is reviewed by
// this test instead: installers for Windows and macOS, icons that exist, and the fuses flipped.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as {
  asar: boolean
  files: string[]
  electronFuses: Record<string, boolean>
  win: { target: Array<{ target: string }>; icon: string }
  mac: { target: Array<{ target: string }>; icon: string; hardenedRuntime: boolean }
}

function pngSize(path: string): { width: number; height: number } {
  const buf = readFileSync(path)
  expect(buf.subarray(1, 4).toString()).toBe('PNG')
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) }
}

describe('packaging configuration', () => {
  it('builds an NSIS installer for Windows and a dmg for macOS', () => {
    expect(config.win.target.map((t) => t.target)).toContain('nsis')
    expect(config.mac.target.map((t) => t.target)).toContain('dmg')
    expect(config.mac.hardenedRuntime).toBe(true)
  })

  it('uses icons from resources/ large enough for every platform', () => {
    for (const icon of [config.win.icon, config.mac.icon]) {
      expect(icon.startsWith('resources/')).toBe(true)
      const { width, height } = pngSize(icon)
      expect(width).toBeGreaterThanOrEqual(512)
      expect(height).toBe(width)
    }
  })

  it('flips the security fuses', () => {
    expect(config.asar).toBe(true)
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
  })

  it('ships only the build output', () => {
    expect(config.files).toContain('out/**')
    expect(config.files.some((f) => f.startsWith('src'))).toBe(false)
  })
})
