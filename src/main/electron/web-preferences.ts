import type { WebPreferences } from 'electron'

/**
 * The one place the renderer's privileges are decided. Tested in test/main/electron.
 * `devTools`: only development builds pass true (`!app.isPackaged`); a packaged build's windows
 * cannot open the developer tools at all, whatever asks.
 */
export function secureWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    devTools: options.devTools ?? false,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // Middle-click would open links in a new window; there are none to open.
    disableBlinkFeatures: 'Auxclick'
  }
}
