import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { PROVIDER_MODULES } from '../../../src/main/core/providers/registry'
import { ConnectionCreateInput } from '../../../src/shared/contract/connections.contract'
import { PROVIDERS } from '../../../src/shared/model/connection'

// A provider is a module: outside its own folders, code never names one. This scans the code (not
// the comments) of every file under ROOTS (main, shared and the renderer) for the providers' names,
// in strings, templates, identifiers and JSX text, and fails on any outside a provider's folder or
// the few files that list them all.

const REPO = join(__dirname, '..', '..', '..')
const ROOTS = ['src/main', 'src/shared', 'src/renderer']
/** Folders whose files may name their provider: `…/providers/<p>/…`, in main, shared and the renderer. */
const PROVIDER_FOLDER = new RegExp(`(^|/)providers/(${PROVIDERS.join('|')})/`)
/** The files that list every provider, each for one reason. */
const ALLOWED: Record<string, string> = {
  'src/main/core/providers/registry.ts': 'main’s registry: the one list of provider modules',
  'src/renderer/src/providers/registry.ts': 'the renderer’s registry: the one list of provider screens',
  'src/renderer/src/providers/slices.ts': 'the renderer registry’s store half: each provider’s slice, kept apart from its screens',
  'src/shared/contract/index.ts': 'the contract index spreads each provider’s channels and topics',
  'src/shared/contract/connections.contract.ts': 'the one union of the providers’ connection inputs',
  'src/shared/model/connection.ts': 'PROVIDERS, the one list of kinds the registries are checked against',
  'src/shared/model/fleet.ts': 'the fleet object kinds: kept in scan history and sent in the documented ticket payload'
}
const NAME = /cloutility|cloudally|cloudback/i

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Every provider name in `text`'s code, with its line: comments are not code. */
function namesIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    const word =
      ts.isIdentifier(node) || ts.isPrivateIdentifier(node)
        ? node.text
        : ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)
          ? node.text
          : undefined
    if (word !== undefined && NAME.test(word)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
      found.push(`${file}:${line}: ${word.trim().slice(0, 80)}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('provider names', () => {
  it('appear in code only in a provider’s folders and the files that list every provider', () => {
    const files = ROOTS.flatMap(sourceFiles)
    expect(files.length).toBeGreaterThan(100)
    const named = files
      .filter((file) => !PROVIDER_FOLDER.test(relative('src', file).split(sep).join('/')) && !(file in ALLOWED))
      .flatMap((file) => namesIn(file, readFileSync(join(REPO, file), 'utf8')))
    expect(named).toEqual([])
  })

  it('the scan sees names in strings, templates and identifiers, never in comments', () => {
    const text = [
      '// Cloutility in a comment',
      '/** CloudAlly in a doc comment */',
      "const a = 'cloudback'",
      'const b = `x ${a} cloudAlly-task`',
      'type CloutilityThing = string'
    ].join('\n')
    expect(namesIn('x.ts', text).map((hit) => hit.split(': ')[1])).toEqual(['cloudback', 'cloudAlly-task', 'CloutilityThing'])
  })

  it('the scan sees names in JSX text and attributes, and only a provider’s own folder counts as one', () => {
    const text = ['{/* Cloudback in a JSX comment */}', 'const v = <p title="CloudAlly tasks">Cloutility tree</p>'].join('\n')
    expect(namesIn('x.tsx', text).map((hit) => hit.split(': ')[1])).toEqual(['CloudAlly tasks', 'Cloutility tree'])
    expect(PROVIDER_FOLDER.test('renderer/src/providers/cloudally/RestoreList.tsx')).toBe(true)
    expect(PROVIDER_FOLDER.test('renderer/src/providers/provider-ui.ts')).toBe(false)
    expect(PROVIDER_FOLDER.test('main/core/providers/registry.ts')).toBe(false)
  })

  it('PROVIDERS is the list the registry and the connection inputs are checked against', () => {
    expect(PROVIDER_MODULES.map((m) => m.kind)).toEqual([...PROVIDERS])
    expect(ConnectionCreateInput.options.map((o) => o.shape.provider.value).sort()).toEqual([...PROVIDERS].sort())
  })
})
