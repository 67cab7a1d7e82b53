// Closing a window (or quitting) while a page holds edits not saved yet: what main knows of each
// page's editors and what it decides when that page's window is about to close. No electron here:
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

/** The native question's buttons, in order; its answer is the index of the one chosen. */
export const CLOSE_BUTTONS = ['Discard and close', 'Keep editing'] as const
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

/** The same question whether the window closes alone or because the app quits. */
export function closeQuestion(editors: readonly string[]): CloseQuestion {
  return {
    type: 'warning',
    title: 'Unsaved edits',
    message: `You have unsaved edits in ${inWords(editors)}. Discard them and close?`,
    detail: 'Keep editing goes back to the window with the edits as they are.',
    buttons: [...CLOSE_BUTTONS],
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
 * What to do when a window is about to close:
 * - `close`: nothing unsaved, the user already chose to discard, or the page is gone (crashed, or
 *   its renderer ended): its edits cannot be kept, and nothing may hold the window open forever;
 * - `wait`: the question is already showing (a second close or Cmd+Q while it asks): stay open;
 * - `ask`: keep the window open and ask.
 */
export function decideClose(state: {
  editors: readonly string[]
  pageGone: boolean
  discardChosen: boolean
  asking: boolean
}): CloseDecision {
  if (state.discardChosen || state.pageGone || state.editors.length === 0) return { kind: 'close' }
  if (state.asking) return { kind: 'wait' }
  return { kind: 'ask', question: closeQuestion(state.editors) }
}
