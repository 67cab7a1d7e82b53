import type { StoreApi } from 'zustand'
import { UNSAVED_EDITOR_NAME_MAX, UNSAVED_EDITORS_MAX } from '../../../shared/contract/app.contract'
import { call, shellKind } from '../api'
import type { AppState } from '../store'

// Electron only: main asks before the window closes or the app quits while a form holds unsaved
// edits (a page's `beforeunload` cannot ask there), so it has to know, ahead of time, which
// editors hold them. The page tells main each time that list changes; main never asks the page at
// close time, so a page that hangs cannot keep the window open. The web shell's browser asks by
// itself (`beforeunload`, store/use-unsaved-changes-guard.ts) and is told nothing.

/** An editor's name as main's question can show it: one line, bounded, never empty. */
function shownName(editor: string): string {
  const line = editor.replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim()
  if (line === '') return 'a form'
  return line.length > UNSAVED_EDITOR_NAME_MAX ? `${line.slice(0, UNSAVED_EDITOR_NAME_MAX - 1)}…` : line
}

function editorsOf(state: AppState): string[] {
  return [...new Set(state.unsavedEdits.map((u) => shownName(u.editor)))].slice(0, UNSAVED_EDITORS_MAX)
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name, i) => name === b[i])

/** Reports the editors with unsaved edits to main whenever they change (Electron). Answers the way to stop. */
export function startReportingUnsavedEdits(store: Pick<StoreApi<AppState>, 'getState' | 'subscribe'>): () => void {
  if (shellKind() !== 'electron') return () => undefined
  // What main holds: a new page starts with nothing (main forgets a window's page when it loads anew).
  let reported: readonly string[] | null = []
  const report = (state: AppState) => {
    const editors = editorsOf(state)
    if (reported !== null && same(editors, reported)) return
    reported = editors
    call('app.unsavedEdits.report', { editors }).catch(() => {
      // Not known to main: the next change sends the whole list again.
      reported = null
    })
  }
  report(store.getState())
  return store.subscribe(report)
}
