// Where report files go in the desktop app: a save dialog for one file, a folder picker for a
// batch (written into a new subfolder as each report is made; a cancelled batch removes them).
import { dialog } from 'electron'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileSink, SaveFilesRequest } from '../core/platform/platform'

function safeName(name: string): string {
  return [...name].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').trim().slice(0, 150) || 'Backdesk'
}

export async function electronSaveFiles(request: SaveFilesRequest): Promise<FileSink | null> {
  if (!request.multiple) {
    const picked = await dialog.showSaveDialog({ title: request.title, defaultPath: safeName(request.suggestedName) })
    if (picked.canceled || !picked.filePath) return null
    const path = picked.filePath
    const files: string[] = []
    return {
      add: async (file) => {
        await writeFile(path, file.data, { mode: 0o600 })
        files.push(path)
      },
      close: async () => ({ path, files }),
      abort: async () => {
        for (const f of files) await rm(f, { force: true })
      }
    }
  }
  const picked = await dialog.showOpenDialog({ title: request.title, properties: ['openDirectory', 'createDirectory'] })
  const parent = picked.filePaths[0]
  if (picked.canceled || !parent) return null
  let dir = join(parent, safeName(request.suggestedName))
  for (let n = 2; ; n++) {
    try {
      await mkdir(dir, { recursive: false })
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n > 99) throw err
      dir = join(parent, `${safeName(request.suggestedName)} (${n})`)
    }
  }
  const files: string[] = []
  return {
    add: async (file) => {
      const path = join(dir, safeName(file.name))
      await writeFile(path, file.data, { flag: 'wx', mode: 0o600 })
      files.push(path)
    },
    close: async () => ({ path: dir, files }),
    abort: async () => {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
