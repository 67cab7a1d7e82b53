import type { BackdeskBridge } from '../shared/contract/bridge'

declare global {
  interface Window {
    /** Set by the preload (Electron) or /bridge.js (web shell). */
    backdesk?: BackdeskBridge
  }
}

export {}
