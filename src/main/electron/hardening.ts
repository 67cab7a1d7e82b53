import type { Session, WebContents } from 'electron'

/** Every permission (camera, notifications from the page, geolocation…) is refused. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler?.(() => false)
  // The renderer makes no network requests of its own; anything outside our protocol is cancelled.
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = /^(app|devtools|data|blob):/.test(details.url) || isDevServerUrl(details.url)
    callback({ cancel: !allowed })
  })
}

let devServerOrigin: string | undefined
export function setDevServerUrl(url: string | undefined): void {
  devServerOrigin = url ? new URL(url).origin : undefined
}
function isDevServerUrl(url: string): boolean {
  if (!devServerOrigin) return false
  try {
    return new URL(url).origin === devServerOrigin
  } catch {
    return false
  }
}

/**
 * No navigation away from the app, no new windows, no webviews. Links the user clicks go to the
 * OS browser only when `openExternal` accepts them (the core's allowlist).
 */
export function hardenWebContents(
  contents: WebContents,
  options: { isAppUrl: (url: string) => boolean; openExternal: (url: string) => void }
): void {
  contents.on('will-navigate', (event, url) => {
    if (!options.isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!options.isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    options.openExternal(url)
    return { action: 'deny' }
  })
}
