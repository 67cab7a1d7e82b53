import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Core } from '../core/app/core'
import { CHANNEL_NAMES } from '../../shared/contract'
import type { Result } from '../../shared/errors'

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'This window may not call Backdesk.', retryable: false }
}

/**
 * One ipcMain.handle per declared channel, each checking its sender before the router runs.
 * Returns the registered channel names so a test can compare them with the contract.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Core,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean
): string[] {
  const registered: string[] = []
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        core.logger.warn('ipc call from an untrusted sender refused', { channel })
        return FORBIDDEN
      }
      return core.router.dispatch(channel, input, 'electron')
    })
    registered.push(channel)
  }
  return registered
}

/** A sender is trusted when it is one of our windows' main frame showing our own origin. */
export function createSenderCheck(options: {
  trustedWebContentsIds: () => ReadonlySet<number>
  isAppUrl: (url: string) => boolean
}): (event: IpcMainInvokeEvent) => boolean {
  return (event) => {
    const frame = event.senderFrame
    if (!frame || frame !== event.sender.mainFrame) return false
    if (!options.trustedWebContentsIds().has(event.sender.id)) return false
    return options.isAppUrl(frame.url)
  }
}
