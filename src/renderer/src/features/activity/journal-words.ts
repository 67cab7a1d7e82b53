import type { JournalEntry, JournalVerdict } from '../../../../shared/contract/journal.contract'
import { codeTitle, formatCode } from '../../../../shared/format'
import { PROVIDER_UIS } from '../../providers/registry'

// The journal stores codes ('changePassword', 'backupTask', 'NOT_FOUND'); the Activity screen
// shows them in words, each provider's from its ProviderUi, with the code in the tooltip. A code
// no provider names still reads (formatCode spaces an UPPER_SNAKE error code).

/** A journal entry's result: 'ok' or the shared error code. */
export const JOURNAL_RESULT_WORDS: Readonly<Record<string, string>> = { ok: 'OK' }

const NO_WORDS: Readonly<Record<string, string>> = {}

function uiOf(provider: string) {
  return PROVIDER_UIS.find((p) => p.kind === provider)
}

const actionWords = (e: JournalEntry) => uiOf(e.provider)?.journalActions ?? NO_WORDS
const objectWords = (e: JournalEntry) => uiOf(e.provider)?.journalObjects ?? NO_WORDS

export const journalActionText = (e: JournalEntry): string => formatCode(e.action, actionWords(e))
export const journalActionTitle = (e: JournalEntry): string => codeTitle(e.action, actionWords(e))

/** The kind of object changed, in words ("Backup task"). */
export const journalObjectKind = (e: JournalEntry): string => formatCode(e.object.type, objectWords(e))

/** The object changed: its kind, name and id ("Backup task “Mail” #t-1"). */
export const journalObjectText = (e: JournalEntry): string =>
  [journalObjectKind(e), e.object.name ? `“${e.object.name}”` : '', `#${e.object.id}`].filter(Boolean).join(' ')

export const journalResultText = (e: JournalEntry): string => formatCode(e.result, JOURNAL_RESULT_WORDS)
export const journalResultTitle = (e: JournalEntry): string => codeTitle(e.result, JOURNAL_RESULT_WORDS)

/** The provider's name ("CloudAlly"), or the code of one this build does not know. */
export const journalProviderLabel = (e: JournalEntry): string => uiOf(e.provider)?.label ?? e.provider

/** The verdict of a chain check in plain words. */
export function verdictWords(verdict: JournalVerdict): string {
  const entries = `${verdict.entries} ${verdict.entries === 1 ? 'entry' : 'entries'}`
  const said = verdict.ok
    ? `The journal is intact: none of its ${entries} was edited, removed or reordered since Backdesk wrote it.`
    : `The journal was changed outside Backdesk: line ${verdict.line}${verdict.seq !== undefined ? ` (entry ${verdict.seq})` : ''} does not follow on from the entry before it (${verdict.reason}). Entries from there on cannot be trusted.`
  return verdict.note ? `${said} ${verdict.note}` : said
}
