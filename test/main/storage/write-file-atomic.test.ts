import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../../src/main/core/storage/write-file-atomic'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backdesk-atomic-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('writeFileAtomic', () => {
  it('makes the missing folders owner-only and the file owner-only', async () => {
    const path = join(dir, 'a', 'b', 'state.json')
    await writeFileAtomic(path, '{"x":1}\n')
    expect(readFileSync(path, 'utf8')).toBe('{"x":1}\n')
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, 'a', 'b')).mode & 0o777).toBe(0o700)
      expect(statSync(path).mode & 0o777).toBe(0o600)
    }
  })

  it('replaces a file whole, bytes as given, and leaves no temporary file beside it', async () => {
    const path = join(dir, 'scan.bin')
    writeFileSync(path, 'an older, longer content that must not survive in part')
    const bytes = Uint8Array.from([0, 255, 10, 13, 128])
    await writeFileAtomic(path, bytes)
    expect([...readFileSync(path)]).toEqual([...bytes])
    expect(readdirSync(dir)).toEqual(['scan.bin'])
  })

  it('keeps the old file when the new one cannot be put in its place', async () => {
    const path = join(dir, 'kept.json')
    writeFileSync(path, 'old')
    // A folder where the temporary file would go: the write fails before anything is renamed.
    mkdirSync(`${path}.${process.pid}.tmp`)
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow()
    expect(readFileSync(path, 'utf8')).toBe('old')
  })
})
