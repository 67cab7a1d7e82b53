// Closing a window or quitting while its page holds unsaved edits: main asks with a native dialog.
// `beforeunload` cannot do it in Electron (a held-back unload silently keeps the window open, with
// no question), so the page reports its unsaved editors (`app.unsavedEdits.report`) and the window's
// `close` event decides here, from what main already knows: no page has to answer at close time.
// The development menu's Reload goes through here too (packaged builds have no Reload), so a
// reload asks the same question, and never while a close question shows.
import { dialog, type App, type BrowserWindow, type Event, type MessageBoxOptions, type WebContents } from 'electron'
import { decideClose, discardChosen, type CloseQuestion, type UnsavedEdits } from '../core/app/close-guard'
import type { Logger } from '../core/log/logger'

/** The parts of a window the guard uses (the electron stand-in's window has them too). */
export type GuardedWindow = Pick<BrowserWindow, 'close' | 'isDestroyed'> & {
  on(event: 'close', listener: (event: Event) => void): unknown
  on(event: 'closed', listener: () => void): unknown
  readonly webContents: Pick<WebContents, 'id' | 'isCrashed' | 'isDestroyed' | 'reload' | 'reloadIgnoringCache'> & {
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

/** One window's question: whether it is showing, and whether its user chose to discard and close. */
interface WindowQuestion {
  asking: boolean
  discarded: boolean
}

/**
 * Follows the app's quit (Cmd+Q, the tray's Quit, the last window closing elsewhere than macOS):
 * Electron quits by closing every window, and a window kept open cancels the quit, so a window
 * whose user then chooses to discard resumes the quit instead of only closing itself.
 * `guard(win)` watches one window; `reload(win)` reloads its page, asking first when it holds
 * unsaved edits.
 */
export function createCloseGuard(application: Pick<App, 'quit'> & { on(event: 'before-quit', listener: () => void): unknown }, options: CloseGuardOptions): {
  guard(win: GuardedWindow): void
  reload(win: GuardedWindow, how: { ignoringCache: boolean }): void
} {
  const ask = options.ask ?? askWithMessageBox
  const log = options.logger.child('close-guard')
  let quitting = false
  application.on('before-quit', () => {
    quitting = true
  })
  const questions = new WeakMap<GuardedWindow, WindowQuestion>()
  const questionOf = (win: GuardedWindow): WindowQuestion => {
    let question = questions.get(win)
    if (!question) {
      question = { asking: false, discarded: false }
      questions.set(win, question)
    }
    return question
  }

  return {
    reload(win, how) {
      const contents = win.webContents
      if (win.isDestroyed() || contents.isDestroyed()) return
      const load = () => (how.ignoringCache ? contents.reloadIgnoringCache() : contents.reload())
      const state = questionOf(win)
      const decision = decideClose({
        action: 'reload',
        editors: options.unsavedEdits.editorsOf(String(contents.id)),
        // A crashed page has nothing to keep, and a reload is how it comes back.
        pageGone: contents.isCrashed(),
        discardChosen: false,
        asking: state.asking
      })
      if (decision.kind === 'wait') return
      if (decision.kind === 'close') {
        load()
        return
      }
      state.asking = true
      void ask(win, decision.question)
        .then(discardChosen, (err: unknown) => {
          // Unlike a close, nothing is stuck without the question: keep the page and its edits.
          log.error('the unsaved-edits question could not be shown; not reloading', { err })
          return false
        })
        .then((discard) => {
          state.asking = false
          if (discard && !win.isDestroyed() && !contents.isDestroyed()) load()
        })
    },

    guard(win) {
      const contents = win.webContents
      const caller = String(contents.id)
      const state = questionOf(win)
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
          discardChosen: state.discarded,
          asking: state.asking
        })
        if (decision.kind === 'close') return
        event.preventDefault()
        if (decision.kind === 'wait') return
        state.asking = true
        void ask(win, decision.question)
          .then(discardChosen, (err: unknown) => {
            // No way to ask must not mean a window that never closes.
            log.error('the unsaved-edits question could not be shown; closing', { err })
            return true
          })
          .then((discard) => {
            state.asking = false
            if (!discard) {
              // Keep editing: Electron has cancelled the quit this close was part of.
              quitting = false
              return
            }
            state.discarded = true
            if (win.isDestroyed()) return
            if (quitting) application.quit()
            else win.close()
          })
      })
    }
  }
}
