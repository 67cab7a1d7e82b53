import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { OfflineStatus } from '../../../../shared/model/offline'
import type { SearchAnswer, SearchGap, SearchKind, SearchResult } from '../../../../shared/model/search'
import { call, errorMessage } from '../../api'
import { Dialog } from '../../components/Dialog'
import { modShortcut } from '../../components/shortcut-keys'
import { selectOffline, useStore } from '../../store'
import { NAV_SCREENS, type Screen } from '../../store/nav.slice'
import { formatAgo } from '../../../../shared/format'
import { openTarget } from './open-target'
import { providerLabel } from '../../providers/registry'

const KIND_LABELS: Record<SearchKind, string> = {
  businessUnit: 'Business unit',
  consumptionUnit: 'Consumption unit',
  node: 'Node',
  task: 'Backup task',
  user: 'User',
  repository: 'Repository',
  customer: 'Customer',
  connection: 'Connection'
}

/** Ctrl/Cmd+K anywhere in the workspace opens search. */
export function useSearchShortcut(): void {
  const open = useStore((s) => s.openSearch)
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        open()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open])
}

/** Sidebar button that opens search (shows the shortcut). */
export function SearchButton(): ReactNode {
  const open = useStore((s) => s.openSearch)
  const shortcut = modShortcut('K')
  return (
    <button type="button" className="nav-item search-button" onClick={open} aria-keyshortcuts={shortcut.aria}>
      Search… <kbd className="muted small">{shortcut.label}</kbd>
    </button>
  )
}

/**
 * "Cloutility nodes of Contoso not loaded yet — run a scan". A connection that cannot be reached
 * gets no scan hint (a scan would fail for it): only that it cannot be reached now.
 */
function gapText(g: SearchGap, status: OfflineStatus | undefined): string {
  const whose = g.customer ? `${g.customer} (${g.connectionName})` : g.connectionName
  if (g.partial) return `${g.what} of ${whose} only partly searchable: the search index is full`
  return status?.offline ? `${g.what} of ${whose} not loaded: the connection cannot be reached now` : `${g.what} of ${whose} not loaded yet — run a scan`
}

/**
 * A result's connection that cannot be reached: the age of the saved data its screens show, or,
 * when none has been shown since it went offline, only that it cannot be reached (never "saved
 * data from an unknown time ago", which reads as if something were saved).
 */
/**
 * The closing line for the gaps not named: those a scan would load apart from those it would not
 * (offline now, or cut because the index is full), each part only when there is one.
 * "and 3 more connections — run a scan; 2 more cannot be reached now".
 */
function moreGapsText(more: SearchAnswer['moreNotIndexed'], offline: Record<string, OfflineStatus | undefined>): string {
  const partial = more.filter((g) => g.partial).length
  const unreachable = more.filter((g) => !g.partial && offline[g.connectionId]?.offline).length
  const scannable = more.length - partial - unreachable
  const parts = [
    [scannable, '— run a scan'],
    [unreachable, 'cannot be reached now'],
    [partial, 'only partly searchable (the search index is full)']
  ] as const
  return `and ${parts
    .filter(([n]) => n > 0)
    .map(([n, what], i) => (i === 0 ? `${n} more connection${n === 1 ? '' : 's'} ${what}` : `${n} more ${what}`))
    .join('; ')}`
}

function offlineNote(status: OfflineStatus | undefined): string | undefined {
  if (!status?.offline) return undefined
  return status.snapshotAt ? `offline: saved data from ${formatAgo(status.snapshotAt)}` : 'offline: cannot be reached now'
}

interface ScreenOption {
  label: string
  screen: Screen
}

const SCREEN_OPTIONS: ReadonlyArray<ScreenOption> = [
  ...[...NAV_SCREENS.main, ...NAV_SCREENS.bottom].map((s) => ({ label: s.label, screen: { id: s.id } })),
  { label: 'New connection', screen: { id: 'connectionEdit' } }
]

/** The screens whose name, or a word of it, starts with what was typed ("fle", "health", "new c"). */
function screensFor(text: string): ScreenOption[] {
  const query = text.trim().toLowerCase()
  if (!query) return []
  return SCREEN_OPTIONS.filter((o) => {
    const name = o.label.toLowerCase()
    return name.startsWith(query) || name.split(' ').some((word) => word.startsWith(query))
  })
}

/** The command palette: a combobox over the screens by name, then ranked results from every connection. */
export function CommandPalette(): ReactNode {
  useSearchShortcut()
  const isOpen = useStore((s) => s.searchOpen)
  const close = useStore((s) => s.closeSearch)
  if (!isOpen) return null
  return <Palette onClose={close} />
}

function Palette({ onClose }: { onClose: () => void }): ReactNode {
  const [text, setText] = useState('')
  const [results, setResults] = useState<SearchResult[]>([])
  const [gaps, setGaps] = useState<{ shown: SearchGap[]; more: SearchAnswer['moreNotIndexed'] }>({ shown: [], more: [] })
  const [active, setActive] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [searched, setSearched] = useState('')
  const offline = useStore(selectOffline)
  const navigate = useStore((s) => s.navigate)
  const seq = useRef(0)
  const listId = useId()
  const inputId = useId()
  const optionId = (i: number) => `${listId}-opt-${i}`

  useEffect(() => {
    const mine = ++seq.current
    const query = text.trim()
    if (!query) return
    call('search.query', { text: query, limit: 30 })
      .then((found) => {
        if (seq.current !== mine) return
        setResults(found.results)
        setGaps({ shown: found.notIndexed, more: found.moreNotIndexed })
        setActive(0)
        setError(null)
        setSearched(query)
      })
      .catch((err: unknown) => {
        if (seq.current === mine) setError(errorMessage(err))
      })
  }, [text])

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId is derived from the stable listId
  }, [active])

  // The screens come first: typing a screen's name is asking for it. Options are numbered over both.
  const screens = screensFor(text)
  const count = screens.length + results.length
  const current = Math.min(active, Math.max(0, count - 1))
  const choose = (index: number) => {
    const screen = screens[index]
    const result = results[index - screens.length]
    if (!screen && !result) return
    onClose()
    if (screen) navigate(screen.screen)
    else if (result) openTarget(result)
  }

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setActive(count ? (current + 1) % count : 0)
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive(count ? (current - 1 + count) % count : 0)
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(0)
    } else if (event.key === 'End' && event.ctrlKey) {
      setActive(Math.max(0, count - 1))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      choose(current)
    }
  }

  // What every option of the list carries, a screen's or a result's: its place in the numbering.
  const option = (i: number) => ({
    id: optionId(i),
    role: 'option',
    'aria-selected': i === current,
    className: i === current ? 'palette-option active' : 'palette-option',
    onMouseMove: () => setActive(i),
    onClick: () => choose(i)
  })

  const expanded = count > 0
  return (
    <Dialog title="Search everywhere" onClose={onClose}>
      <div className="palette">
        <label htmlFor={inputId} className="visually-hidden">
          Search screens, business units, nodes, tasks, users, repositories and customers
        </label>
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded ? optionId(current) : undefined}
          placeholder="Business unit, node, task, user, repository…"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setActive(0)
            if (!e.target.value.trim()) {
              seq.current++
              setResults([])
              setSearched('')
            }
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="Results" className="palette-results">
          {screens.map((o, i) => (
            <li key={`screen:${o.screen.id}`} {...option(i)}>
              <span className="palette-label">{o.label}</span>
              <span className="palette-kind badge badge-muted">Screen</span>
            </li>
          ))}
          {results.map((r, n) => (
            <li key={r.id} {...option(screens.length + n)}>
              <span className="palette-label">{r.label}</span>
              <span className="palette-kind badge badge-muted">{KIND_LABELS[r.kind]}</span>
              <span className="palette-detail muted small">
                {[
                  r.provider ? providerLabel(r.provider) : undefined,
                  r.connectionName,
                  r.detail,
                  r.connectionId ? offlineNote(offline[r.connectionId]) : undefined
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
        <p className="muted small" role="status" aria-live="polite">
          {error
            ? error
            : searched && count === 0
              ? `Nothing found for “${searched}”. Search covers what Backdesk has loaded or saved from each connection.`
              : count
                ? `${count} result${count === 1 ? '' : 's'}. ↑↓ to move, Enter to open, Esc to close.`
                : 'Type to search every connection, or a screen’s name.'}
        </p>
        {searched && gaps.shown.length + gaps.more.length > 0 && (
          <ul className="muted small palette-gaps" aria-label="Not searchable yet">
            {gaps.shown.map((g) => (
              <li key={g.connectionId}>{gapText(g, offline[g.connectionId])}</li>
            ))}
            {gaps.more.length > 0 && <li>{moreGapsText(gaps.more, offline)}</li>}
          </ul>
        )}
      </div>
    </Dialog>
  )
}
