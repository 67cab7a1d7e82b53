import { readFile } from 'node:fs/promises'
import { APP_HOST } from '../../shared/contract/ipc-names'
import { ELECTRON_CSP } from '../../shared/csp'
import { contentTypeOf, rendererFile } from '../core/app/renderer-files'

/** Maps app://backdesk/<path> to a file under `root`, or undefined for anything outside it. */
export function resolveAppPath(rawUrl: string, root: string): string | undefined {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return undefined
  }
  if (url.host !== APP_HOST) return undefined
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return undefined
  }
  return rendererFile(root, pathname)
}

/** Serves the packaged renderer with the strict CSP as a response header. */
export async function serveAppFile(rawUrl: string, root: string): Promise<Response> {
  const file = resolveAppPath(rawUrl, root)
  if (!file) return new Response('Not found', { status: 404 })
  try {
    const body = await readFile(file)
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': contentTypeOf(file),
        'content-security-policy': ELECTRON_CSP,
        'x-content-type-options': 'nosniff'
      }
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}
