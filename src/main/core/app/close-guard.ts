// Closing a window (or quitting) while a page holds edits not saved yet: what main knows of each
// page's editors and what it decides when that page's window is about to close, or (development
// builds only: packaged ones have no Reload) its page is about to be reloaded. No electron here:
// the Electron shell (electron/close-guard.ts) feeds it the window's events and shows the question.

/**
 * The unsaved editors each page last reported (`app.unsavedEdits.report`), by caller (Electron: the
 * window's web contents id). The page tells main as its forms change, so main never has to ask a
 * page at close time: a page that hangs or has crashed cannot hold the answer back.
 */
export class UnsavedEdits {
  private readonly byCaller = new Map<string, readonly string[]>()

  report(caller: string, editors: readonly string[]): void {
    if (editors.length === 0) this.byCaller.delete(caller)
    else this.byCaller.set(caller, [...new Set(editors)])
  }

  /** The page is gone (closed, crashed, loaded anew): what it reported no longer holds anything. */
  forget(caller: string): void {
    this.byCaller.delete(caller)
  }

  editorsOf(caller: string): readonly string[] {
    return this.byCaller.get(caller) ?? []
  }
}

/** What discarding the edits leads to: the window closing (or the app quitting), or a reload. */
export type DiscardAction = 'close' | 'reload'

/** The native question's buttons, in order; its answer is the index of the one chosen. */
const BUTTONS: Record<DiscardAction, readonly [string, string]> = {
  close: ['Discard and close', 'Keep editing'],
  reload: ['Discard and reload', 'Keep editing']
}
const DISCARD = 0
const KEEP_EDITING = 1

export interface CloseQuestion {
  type: 'warning'
  title: string
  message: string
  detail: string
  buttons: string[]
  /** Enter and Escape both keep editing: discarding takes a deliberate choice. */
  defaultId: number
  cancelId: number
  noLink: true
}

/** "the connection “A”", "A and B", "A, B and C" (three named at most, then "and N more"). */
function inWords(editors: readonly string[]): string {
  const named = editors.slice(0, 3)
  const more = editors.length - named.length
  const parts = more > 0 ? [...named, `${more} more`] : named
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '')
}

/** The same question whether the window closes alone or because the app quits; a reload says so. */
export function closeQuestion(editors: readonly string[], action: DiscardAction = 'close'): CloseQuestion {
  return {
    type: 'warning',
    title: 'Unsaved edits',
    message: `You have unsaved edits in ${inWords(editors)}. Discard them and ${action}?`,
    detail: 'Keep editing goes back to the window with the edits as they are.',
    buttons: [...BUTTONS[action]],
    defaultId: KEEP_EDITING,
    cancelId: KEEP_EDITING,
    noLink: true
  }
}

/** Whether the answer to `closeQuestion` was "Discard and close" (anything else keeps editing). */
export function discardChosen(response: number): boolean {
  return response === DISCARD
}

export type CloseDecision = { kind: 'close' } | { kind: 'ask'; question: CloseQuestion } | { kind: 'wait' }

/**
 * What to do when a window is about to close (or, `action: 'reload'`, its page to be reloaded):
 * - `close`: nothing unsaved, the user already chose to discard, or the page is gone (crashed, or
 *   its renderer ended): its edits cannot be kept, and nothing may hold the window open forever;
 *   for a reload, go ahead and reload;
 * - `wait`: the question is already showing (a second close, Cmd+Q or a reload while it asks):
 *   stay as it is;
 * - `ask`: keep the window (and its page) and ask.
 */
export function decideClose(state: {
  editors: readonly string[]
  pageGone: boolean
  discardChosen: boolean
  asking: boolean
  action?: DiscardAction
}): CloseDecision {
  if (state.discardChosen || state.pageGone || state.editors.length === 0) return { kind: 'close' }
  if (state.asking) return { kind: 'wait' }
  return { kind: 'ask', question: closeQuestion(state.editors, state.action) }
}
