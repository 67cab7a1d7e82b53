import type { SavedFiles } from '../../../../shared/model/reports'

/** Web shell: starts the one-time download main prepared. Electron: nothing to do (already written). */
export function deliver(saved: SavedFiles): string {
  if (saved.download) {
    const a = document.createElement('a')
    a.href = saved.download.url
    a.download = saved.download.fileName
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return `Downloading ${saved.download.fileName}.`
  }
  return `Saved to ${saved.path ?? 'the chosen place'}.`
}
