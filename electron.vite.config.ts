import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Three builds, one per runtime. The preload must be CommonJS: sandboxed preloads cannot be ESM,
// and in a "type": "module" package a .js file would be read as ESM, hence the .cjs name.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: { index: resolve('src/main/index.ts') }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): bundle everything else (zod, the contract).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
    plugins: [react()],
    build: {
      minify: true,
      sourcemap: false,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})
