import { join, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentTypeOf, rendererFile } from '../../../src/main/core/app/renderer-files'

describe('the renderer build files both shells serve', () => {
  const root = join(sep, 'srv', 'renderer')

  it('names a file inside the folder, with / as index.html', () => {
    expect(rendererFile(root, '/')).toBe(join(root, 'index.html'))
    expect(rendererFile(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
    expect(rendererFile(root + sep, '//assets/app.js')).toBe(join(root, 'assets', 'app.js'))
  })

  it('refuses a path that leaves the folder, a sibling folder sharing its prefix, or a NUL byte', () => {
    expect(rendererFile(root, '/../../etc/passwd')).toBeUndefined()
    expect(rendererFile(root, '/../renderer-other/x.js')).toBeUndefined()
    expect(rendererFile(root, '/..')).toBeUndefined()
    expect(rendererFile(root, '/index.html\0.png')).toBeUndefined()
  })

  it('types what it knows and sends anything else as bytes', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeOf('/x/a.woff2')).toBe('font/woff2')
    expect(contentTypeOf('/x/a.map')).toBe('application/octet-stream')
  })
})
