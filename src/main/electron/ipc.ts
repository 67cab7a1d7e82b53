import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Core } from '../core/app/core'
import { CHANNEL_NAMES } from '../../shared/contract'
import type { Result } from '../../shared/errors'

const FORBIDDEN = JSON.stringify({
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'This window may not call Backdesk.', retryable: false }
} satisfies Result<never>)

/**
 * One ipcMain.handle per declared channel, each checking its sender before the router runs.
 * Answers cross as the JSON text the leak guard checked (the preload parses it), as in the web
 * shell: no second parse in main and no structured clone of a large answer's object graph.
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
      // The caller is the window's web contents: what main keeps per window (its unsaved edits).
      return core.router.dispatchJson(channel, input, 'electron', String(event.sender.id))
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
