import type { IncomingMessage } from 'node:http'
import { zipSync } from 'fflate'
import type { SaveFileResult } from '../../shared/contract/vault.contract'
import type { FileSink, OutputFile, SaveFileRequest, SaveFilesRequest } from '../core/platform/platform'
import { OneTimeStore, refusal } from './one-time-store'

// The web shell's `saveFile` and `saveFiles`: a file main hands to the user (an export bundle, a
// report, a zip of reports) is kept here under a random id and served once, as an attachment, to a
// navigation of the page's own session. The IPC answer carries only the URL, so the bytes never
// pass through the renderer's script: a fetch() from the page (an XSS) is refused, because only a
// navigation (Sec-Fetch-Mode: navigate, a header script cannot set) ends in a download the page
// cannot read.

export const DOWNLOAD_PREFIX = '/download/'
/** Unfetched downloads are dropped after this long. */
export const DOWNLOAD_TTL_MS = 60_000

interface StoredFile {
  name: string
  bytes: Buffer
  type: string
}

export interface DownloadAnswer {
  status: number
  body: Buffer | string
  type: string
  headers: Record<string, string>
}

const TEXT = 'text/plain; charset=utf-8'

/** Files kept for one fetch each (take, size and clear are the store's). */
export class OneTimeDownloads extends OneTimeStore<StoredFile> {
  constructor(ttlMs = DOWNLOAD_TTL_MS) {
    // A file nobody fetched is wiped, not left for the collector.
    super(ttlMs, (file) => file.bytes.fill(0))
  }

  /** The platform port (see PlatformServices.saveFile). */
  readonly saveFile = (request: SaveFileRequest): Promise<SaveFileResult> =>
    Promise.resolve({ download: `${DOWNLOAD_PREFIX}${this.keep(request.suggestedName, Buffer.from(request.content, 'utf8'))}` })

  /** The platform port for files main makes (reports): one file as it is, several as one zip. */
  readonly saveFiles = (request: SaveFilesRequest): Promise<FileSink> => {
    const files: OutputFile[] = []
    const offer = (name: string, type: string, data: Uint8Array) => ({ url: `${DOWNLOAD_PREFIX}${this.keep(name, Buffer.from(data), type)}`, fileName: name })
    return Promise.resolve({
      add: async (file: OutputFile) => {
        files.push(file)
      },
      close: async () => {
        const names = files.map((f) => f.name)
        const [only] = files
        if (!request.multiple && only && files.length === 1) return { download: offer(only.name, only.type, only.data), files: names }
        // PDFs are compressed already: stored as they are, the CSVs deflated.
        const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, [f.data, { level: f.type === 'application/pdf' ? 0 : 6 }]])))
        return { download: offer(`${request.suggestedName}.zip`, 'application/zip', zip), files: names }
      },
      abort: async () => {
        files.length = 0
      }
    })
  }

  /** Keeps `bytes` for one fetch; returns its id. */
  keep(name: string, bytes: Buffer, type = 'application/octet-stream'): string {
    return this.put({ name, bytes, type })
  }

  /**
   * Answers `GET /download/<id>` for a request the shell has already checked for Host and Origin;
   * `authorised` says whether it carries the session cookie.
   */
  answer(path: string, req: IncomingMessage, authorised: boolean): DownloadAnswer {
    const refused = refusal(req, authorised, 'Downloads')
    if (refused) return { ...refused, type: TEXT, headers: {} }
    const file = this.take(path.slice(DOWNLOAD_PREFIX.length))
    if (!file) return { status: 404, body: 'This download has already been fetched or has expired.', type: TEXT, headers: {} }
    return {
      status: 200,
      body: file.bytes,
      type: file.type,
      headers: { 'content-disposition': attachment(file.name), 'cache-control': 'no-store' }
    }
  }
}

/** RFC 6266 with an ASCII fallback: our names are ASCII, but never trust that to stay so. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\w.-]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}
