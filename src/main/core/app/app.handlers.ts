import type { AboutInfo, ShellKind } from '../../../shared/contract/app.contract'
import { AppError } from '../../../shared/errors'
import type { HandlerMap } from '../ipc/router'
import type { PlatformServices } from '../platform/platform'
import { isAllowedExternalUrl } from './external-links'

export interface AppHandlerDeps {
  shell: ShellKind
  version: string
  versions: AboutInfo['versions']
  dataDir: string
  platform: PlatformServices
  /** Hosts of configured connections, which may also be opened. */
  knownHosts: () => Iterable<string>
}

type AppHandlers = Pick<HandlerMap, 'app.about' | 'app.ping' | 'app.openExternal'>

export function createAppHandlers(deps: AppHandlerDeps): AppHandlers {
  return {
    'app.about': () => ({
      name: 'Backdesk',
      version: deps.version,
      shell: deps.shell,
      platform: process.platform,
      arch: process.arch,
      versions: deps.versions,
      dataDir: deps.dataDir
    }),
    'app.ping': () => ({ pong: true as const, at: new Date().toISOString() }),
    'app.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url, deps.knownHosts())) {
        throw new AppError('FORBIDDEN', 'Backdesk only opens https links to known provider and documentation sites.')
      }
      try {
        await deps.platform.openExternal(url)
      } catch {
        throw new AppError('NOT_SUPPORTED', 'No browser could be opened from here. Copy the link instead.')
      }
      return { opened: true }
    }
  }
}
