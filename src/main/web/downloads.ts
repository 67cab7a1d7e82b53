// One-time downloads for the web shell: main makes a file (a report, a zip of reports), keeps it
// here under a random id for a few minutes, and the renderer fetches GET /download/<id> once
// (cookie-authorised like every other route). Several files go as one zip (fflate).
import { randomBytes } from 'node:crypto'
import { zipSync } from 'fflate'
import type { FileSink, OutputFile, SaveFilesRequest } from '../core/platform/platform'

interface Pending {
  fileName: string
  type: string
  data: Uint8Array
  expiresAt: number
}

export class Downloads {
  private readonly items = new Map<string, Pending>()

  constructor(private readonly ttlMs = 10 * 60_000) {}

  /** Keeps a file for one download; answers its path. */
  offer(fileName: string, type: string, data: Uint8Array): string {
    this.sweep()
    const id = randomBytes(18).toString('base64url')
    this.items.set(id, { fileName, type, data, expiresAt: Date.now() + this.ttlMs })
    return `/download/${id}`
  }

  /** The file for `id`, removed as it is taken; undefined when unknown, taken or expired. */
  take(id: string): Pending | undefined {
    this.sweep()
    const item = this.items.get(id)
    this.items.delete(id)
    return item
  }

  private sweep(): void {
    const now = Date.now()
    for (const [id, item] of this.items) if (item.expiresAt < now) this.items.delete(id)
  }

  /** The web shell's platform `saveFiles`: one file as it is, several as one zip. */
  saveFiles = async (request: SaveFilesRequest): Promise<FileSink> => {
    const files: OutputFile[] = []
    return {
      add: async (file) => {
        files.push(file)
      },
      close: async () => {
        const names = files.map((f) => f.name)
        if (!request.multiple && files.length === 1) {
          const f = files[0] as OutputFile
          return { download: { url: this.offer(f.name, f.type, f.data), fileName: f.name }, files: names }
        }
        // PDFs are compressed already: stored as they are, the CSVs deflated.
        const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, [f.data, { level: f.type === 'application/pdf' ? 0 : 6 }]])))
        const fileName = `${request.suggestedName}.zip`
        return { download: { url: this.offer(fileName, 'application/zip', zip), fileName }, files: names }
      },
      abort: async () => {
        files.length = 0
      }
    }
  }
}
