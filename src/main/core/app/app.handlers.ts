import type { AboutInfo, ShellKind } from '../../../shared/contract/app.contract'
import { AppError } from '../../../shared/errors'
import type { HandlerMap } from '../ipc/router'
import type { PlatformServices } from '../platform/platform'
import type { UnsavedEdits } from './close-guard'
import { externalLinkVerdict } from './external-links'

export interface AppHandlerDeps {
  shell: ShellKind
  version: string
  versions: AboutInfo['versions']
  dataDir: string
  throwaway?: boolean
  platform: PlatformServices
  /** Hosts of connections whose Test connection passed: their links open without a question. */
  testedHosts: () => Iterable<string>
  /** Each page's editors with unsaved edits, which the Electron shell reads before a window closes. */
  unsavedEdits: UnsavedEdits
}

type AppHandlers = Pick<HandlerMap, 'app.about' | 'app.ping' | 'app.openExternal' | 'app.unsavedEdits.report'>

export function createAppHandlers(deps: AppHandlerDeps): AppHandlers {
  return {
    'app.about': () => ({
      name: 'Backdesk',
      version: deps.version,
      shell: deps.shell,
      platform: process.platform,
      arch: process.arch,
      versions: deps.versions,
      dataDir: deps.dataDir,
      ...(deps.throwaway ? { throwaway: true } : {})
    }),
    'app.ping': () => ({ pong: true as const, at: new Date().toISOString() }),
    'app.openExternal': async ({ url }) => {
      const verdict = externalLinkVerdict(url, deps.testedHosts())
      if (verdict !== 'open') {
        // The question is main's own dialog: nothing the renderer sends can answer it.
        const confirm = verdict === 'ask' ? deps.platform.confirmOpenExternal : undefined
        if (!confirm) {
          const host = URL.canParse(url) ? new URL(url).host : ''
          throw new AppError(
            'FORBIDDEN',
            `Backdesk opens links only to documentation sites and to connections that passed Test connection${host ? `, not to ${host}` : ''}. Copy the link if you trust it.`
          )
        }
        if (!(await confirm.call(deps.platform, url))) return { opened: false }
      }
      try {
        await deps.platform.openExternal(url)
      } catch {
        throw new AppError('NOT_SUPPORTED', 'No browser could be opened from here. Copy the link instead.')
      }
      return { opened: true }
    },
    // Kept per page, for the shell that can tell pages apart (Electron); the web shell's browser
    // asks by itself, so there is nothing to keep for it.
    'app.unsavedEdits.report': ({ editors }, ctx) => {
      if (ctx.caller === undefined) return { kept: false }
      deps.unsavedEdits.report(ctx.caller, editors)
      return { kept: true }
    }
  }
}
