// Closing a window or quitting while its page holds unsaved edits: main asks with a native dialog.
// `beforeunload` cannot do it in Electron (a held-back unload silently keeps the window open, with
// no question), so the page reports its unsaved editors (`app.unsavedEdits.report`) and the window's
// `close` event decides here, from what main already knows: no page has to answer at close time.
import { dialog, type App, type BrowserWindow, type Event, type MessageBoxOptions, type WebContents } from 'electron'
import { decideClose, discardChosen, type CloseQuestion, type UnsavedEdits } from '../core/app/close-guard'
import type { Logger } from '../core/log/logger'

/** The parts of a window the guard uses (the electron stand-in's window has them too). */
export type GuardedWindow = Pick<BrowserWindow, 'close' | 'isDestroyed'> & {
  on(event: 'close', listener: (event: Event) => void): unknown
  on(event: 'closed', listener: () => void): unknown
  readonly webContents: Pick<WebContents, 'id' | 'isCrashed' | 'isDestroyed'> & {
    on(event: 'render-process-gone', listener: () => void): unknown
    on(event: 'did-navigate', listener: () => void): unknown
    on(event: 'destroyed', listener: () => void): unknown
  }
}

export interface CloseGuardOptions {
  unsavedEdits: UnsavedEdits
  logger: Logger
  /** Shows the question over the window and answers the button chosen (default: Electron's message box). */
  ask?: (win: GuardedWindow, question: CloseQuestion) => Promise<number>
}

const askWithMessageBox = async (win: GuardedWindow, question: CloseQuestion): Promise<number> =>
  (await dialog.showMessageBox(win as BrowserWindow, question satisfies MessageBoxOptions)).response

/**
 * Follows the app's quit (Cmd+Q, the tray's Quit, the last window closing elsewhere than macOS):
 * Electron quits by closing every window, and a window kept open cancels the quit, so a window
 * whose user then chooses to discard resumes the quit instead of only closing itself.
 * `guard(win)` watches one window.
 */
export function createCloseGuard(application: Pick<App, 'quit'> & { on(event: 'before-quit', listener: () => void): unknown }, options: CloseGuardOptions): {
  guard(win: GuardedWindow): void
} {
  const ask = options.ask ?? askWithMessageBox
  const log = options.logger.child('close-guard')
  let quitting = false
  application.on('before-quit', () => {
    quitting = true
  })

  return {
    guard(win) {
      const contents = win.webContents
      const caller = String(contents.id)
      let asking = false
      let discarded = false
      // What the page reported goes with the page: a crash, a new document, the window's end.
      const forget = () => options.unsavedEdits.forget(caller)
      contents.on('render-process-gone', forget)
      contents.on('did-navigate', forget)
      contents.on('destroyed', forget)
      win.on('closed', forget)

      win.on('close', (event) => {
        const decision = decideClose({
          editors: options.unsavedEdits.editorsOf(caller),
          pageGone: contents.isDestroyed() || contents.isCrashed(),
          discardChosen: discarded,
          asking
        })
        if (decision.kind === 'close') return
        event.preventDefault()
        if (decision.kind === 'wait') return
        asking = true
        void ask(win, decision.question)
          .then(discardChosen, (err: unknown) => {
            // No way to ask must not mean a window that never closes.
            log.error('the unsaved-edits question could not be shown; closing', { err })
            return true
          })
          .then((discard) => {
            asking = false
            if (!discard) {
              // Keep editing: Electron has cancelled the quit this close was part of.
              quitting = false
              return
            }
            discarded = true
            if (win.isDestroyed()) return
            if (quitting) application.quit()
            else win.close()
          })
      })
    }
  }
}
