// @ts-check
import js from '@eslint/js'
import sdl from '@microsoft/eslint-plugin-sdl'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Layering: a folder is a runtime. Lower layers never import higher ones.
const noElectron = [
  { name: 'electron', message: 'src/main/core and src/shared run without Electron: take what you need through PlatformServices.' },
  { name: 'electron-store', message: 'electron-store imports electron; the core uses conf or its own store.' }
]
const noMainPatterns = [
  { group: ['**/main/**', '@main/*'], message: 'The renderer and shared code never import from src/main: go through the contract.' }
]
const noNodePatterns = [{ group: ['node:*'], message: 'This layer runs in the browser: no Node built-ins.' }]

// Inside src/main/core: which folder may import which (the list docs/ARCHITECTURE.md shows). An
// edge not listed is an error, so a cycle (connections ↔ vault), a provider reaching into a
// service above it (providers → restores) or a cross-provider service naming one provider
// cannot come back. `providers` is the only folder that may import a provider's own folder, and
// then only the registry does; providers never import each other.
const CORE_EDGES = {
  log: [],
  events: ['log'],
  http: ['log'],
  ipc: ['log'],
  platform: [],
  connections: ['events', 'http', 'ipc', 'log'],
  vault: ['connections', 'events', 'ipc', 'log', 'platform'],
  storage: ['log', 'vault'],
  journal: ['http', 'ipc', 'log', 'storage', 'vault'],
  offline: ['connections', 'events', 'ipc', 'log', 'storage'],
  fleet: ['ipc', 'log', 'storage'],
  search: ['connections', 'ipc', 'log', 'offline'],
  customers: ['connections', 'ipc', 'log', 'offline'],
  'credential-import': ['connections', 'log'],
  schedule: ['fleet', 'ipc', 'log', 'offline', 'platform', 'storage'],
  reports: ['ipc', 'log', 'platform', 'schedule', 'storage'],
  overview: ['ipc', 'log', 'schedule'],
  tickets: ['http', 'ipc', 'log', 'platform', 'storage', 'vault'],
  demo: ['connections', 'events', 'ipc', 'log'],
  workspace: ['connections', 'credential-import', 'events', 'fleet', 'ipc', 'log', 'vault'],
  providers: ['connections', 'credential-import', 'customers', 'demo', 'events', 'fleet', 'http', 'ipc', 'journal', 'log', 'platform', 'reports', 'search', 'storage', 'vault'],
  app: null // the composition root: every folder, but no provider's own folder
}
const CORE_FOLDERS = Object.keys(CORE_EDGES)
const up = (depth) => `^(\\.\\./){${depth}}`

/** The core layering for files `depth` folders below src/main/core (1 = src/main/core/<folder>/x.ts). */
function coreLayering(folder, depth) {
  const allowed = CORE_EDGES[folder]
  const patterns = []
  if (allowed) {
    const banned = CORE_FOLDERS.filter((f) => f !== folder && !allowed.includes(f))
    patterns.push({ regex: `${up(depth)}(${banned.join('|')})(/|$)`, message: `src/main/core/${folder} may import only ${allowed.join(', ') || 'nothing else in core'} (eslint.config.js CORE_EDGES).` })
  }
  if (folder !== 'providers') {
    patterns.push({ regex: `${up(depth)}providers/[^/]+/`, message: 'Only the provider registry names a provider: use the module interface (providers/provider-module.ts).' })
  } else if (depth >= 2) {
    patterns.push({ regex: `${up(depth - 1)}[^./][^/]*/`, message: 'A provider never imports another provider.' })
  }
  return patterns
}

const coreLayeringConfigs = CORE_FOLDERS.flatMap((folder) =>
  [1, 2, 3].map((depth) => ({
    files: [`src/main/core/${folder}/${'*/'.repeat(depth - 1)}*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths: noElectron, patterns: coreLayering(folder, depth) }] }
  }))
)

// Inside the renderer, an allowed-edges list: each folder names the folders it must not import
// (docs/ARCHITECTURE.md, Renderer). Features and the shell reach a provider only through
// providers/registry.ts; a provider's folder reaches no feature, no shell and no other provider.
const R = 'src/renderer/src'
const edge = (regex, message) => ({ regex, message })
const toFeatures = edge('(^|/)features/', 'Only App.tsx and app/ compose features.')
const toShell = edge('(^|/)shell/', 'The app chrome is composed by App.tsx only.')
const toApp = edge('(^|/)app/', 'app/ is the composition layer: nothing below imports it.')
const toProviderFolder = edge('(^|/)providers/[^/]+/', "Reach a provider through providers/registry.ts (its ProviderUi), not its folder.")
const rendererEdges = [
  {
    files: [`${R}/components/**`],
    forbid: [
      toFeatures,
      toShell,
      toApp,
      edge('(^|/)(providers|store)(/|$)', 'components/ holds feature-free widgets: pass data and callbacks in as props.')
    ]
  },
  { files: [`${R}/shell/**`], forbid: [toFeatures, toApp, edge('(^|/)providers/', 'The shell gets features and providers through its slots, filled by App.tsx.')] },
  {
    files: [`${R}/store/**`],
    forbid: [
      toFeatures,
      toShell,
      toApp,
      toProviderFolder,
      edge('(^|/)(components|providers/registry)', 'The store holds state: no widgets, no screens (provider slices come through providers/slices.ts).')
    ]
  },
  { files: [`${R}/app/**`], forbid: [toShell, toProviderFolder] },
  { files: [`${R}/features/**`], forbid: [toShell, toProviderFolder, toApp] },
  {
    files: [`${R}/providers/*/**`],
    forbid: [toFeatures, toShell, toApp, edge('^\\.\\./[^./][^/]*/', 'A provider folder does not import another provider: share through components/ or store/.')]
  }
]

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'reports/**', 'test-results/**', 'playwright-report/**', '.bench/**', 'test/simulator/python/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...sdl.configs.common,
  ...sdl.configs.electron,
  ...sdl.configs.node,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='eval']", message: 'No eval.' }],
      // Loopback is the only plain-http target we ever name (the simulator and the web shell).
      '@microsoft/sdl/no-insecure-url': [
        'error',
        { exceptions: ['^http:\\/\\/(127\\.0\\.0\\.1|localhost|\\[::1\\])', '^http:\\/\\/www\\.w3\\.org\\/'], varExceptions: [] }
      ]
    }
  },
  {
    files: ['src/main/core/**', 'src/shared/**', 'src/simulator/**'],
    rules: { 'no-restricted-imports': ['error', { paths: noElectron }] }
  },
  ...coreLayeringConfigs,
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: noElectron, patterns: [...noMainPatterns, ...noNodePatterns] }] }
  },
  {
    files: ['src/renderer/**'],
    ...sdl.configs.react[1],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, ...sdl.configs.react[1].plugins },
    rules: {
      ...sdl.configs.react[1].rules,
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: noElectron, patterns: [...noMainPatterns, ...noNodePatterns] }]
    }
  },
  ...rendererEdges.map(({ files, forbid }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { paths: noElectron, patterns: [...noMainPatterns, ...noNodePatterns, ...forbid] }] }
  })),
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: noMainPatterns }]
    }
  },
  {
    files: ['test/**', 'src/simulator/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off'
    }
  }
)
