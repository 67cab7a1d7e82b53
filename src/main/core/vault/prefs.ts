import Conf from 'conf'
import type { Logger } from '../log/logger'

/**
 * The non-secret key/value store the vault keeps beside its encrypted file (wrong-passphrase
 * counters, so throttling survives a restart). `conf` in the web shell and tests; the Electron
 * shell may pass an electron-store instance, which extends Conf and so has the same methods.
 */
export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

/** `<dataDir>/vault-prefs.json` through conf. Keys must not contain dots (conf reads them as paths). */
export function openConfStore(dataDir: string, logger?: Logger, configName = 'vault-prefs'): KeyValueStore {
  try {
    // User-only like every file in the data folder (conf's default is 0666 less the umask).
    const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName, clearInvalidConfig: false, configFileMode: 0o600 })
    return {
      get: (key) => conf.get(key),
      set: (key, value) => conf.set(key, value),
      delete: (key) => conf.delete(key)
    }
  } catch (err) {
    // A damaged preferences file must not keep the vault from opening; throttling then starts afresh.
    logger?.warn('vault preferences unreadable; using defaults for this session', { err })
    return memoryStore()
  }
}

export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = { ...initial }
  return {
    data,
    get: (key) => data[key],
    set: (key, value) => {
      data[key] = value
    },
    delete: (key) => {
      delete data[key]
    }
  }
}
