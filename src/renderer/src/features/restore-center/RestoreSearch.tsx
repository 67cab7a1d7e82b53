import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { formatDateTime } from '../../../../shared/format'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { useAction } from '../../components/use-action'
import { errorMessage } from '../../api'
import { PROVIDER_UIS } from '../../providers/registry'
import type { RestorableObject } from '../../providers/provider-ui'

interface Found {
  objects: RestorableObject[]
  problems: string[]
  /** What a connection's search left unread, each with the connection's name. */
  unread: string[]
  text: string
}

/**
 * The restore center's search: every provider's restorable objects on every connection, found by
 * customer or name; picking one shows that provider's restore options under the results.
 */
export function RestoreSearch({ connections }: { connections: ConnectionSummary[] }): ReactNode {
  const [text, setText] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const [picked, setPicked] = useState<RestorableObject | null>(null)
  const optionsRef = useRef<HTMLElement>(null)
  const optionsHeadingRef = useRef<HTMLHeadingElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  /** The row's button that opened the options: the keyboard goes back there when they close. */
  const openerRef = useRef<HTMLElement | null>(null)

  const parts = PROVIDER_UIS.filter((p) => p.restoreCenter && connections.some((c) => c.provider === p.kind))
  const notes = PROVIDER_UIS.filter((p) => p.restoreCenterNote && connections.some((c) => c.provider === p.kind))

  const search = useAction(async (query: string) => {
    setPicked(null)
    const objects: RestorableObject[] = []
    const problems: string[] = []
    const unread: string[] = []
    await Promise.all(
      parts.flatMap((p) =>
        connections
          .filter((c) => c.provider === p.kind)
          .map(async (c) => {
            try {
              const result = await (p.restoreCenter as NonNullable<typeof p.restoreCenter>).find(c, query)
              objects.push(...result.objects)
              if (result.unread) unread.push(`${c.name}: ${result.unread}`)
            } catch (err) {
              problems.push(`${c.name}: ${errorMessage(err)}`)
            }
          })
      )
    )
    setFound({ objects, problems, unread, text: query })
  })

  const pickedUi = picked ? PROVIDER_UIS.find((p) => picked.key.startsWith(`${p.kind}:`)) : undefined
  const Options = pickedUi?.restoreCenter?.Options

  // The options open below a possibly long table: bring them into view, with the keyboard in them
  // (else Tab would walk every row first).
  useEffect(() => {
    if (!picked) return
    optionsRef.current?.scrollIntoView({ block: 'start' })
    optionsHeadingRef.current?.focus({ preventScroll: true })
  }, [picked])

  // Closed (Cancel, Close): the focus goes back to the button that opened them, not to the page's body.
  const closeOptions = (): void => {
    const opener = openerRef.current
    setPicked(null)
    if (opener?.isConnected) opener.focus()
    else searchRef.current?.focus()
  }

  // Every column fits a 1280 px window beside the navigation: the last backup keeps its time and
  // stays clear of the pinned action column, whose cell is as wide as its button. Names and
  // customers give way first (cut with the whole text in a tooltip).
  const columns = useMemo<Array<TableColumn<RestorableObject>>>(
    () => [
      { id: 'customer', header: 'Customer', text: (o) => o.customer ?? '', sortValue: (o) => o.customer ?? '', width: 130, grow: true },
      { id: 'name', header: 'Name', text: (o) => o.name, sortValue: (o) => o.name, width: 140 },
      // As wide as "Backup node": the word that tells a task from a node is the one a cut would hide.
      { id: 'what', header: 'What', text: (o) => o.what, sortValue: (o) => o.what, width: 112 },
      { id: 'detail', header: 'Source or node', text: (o) => o.detail ?? '', sortValue: (o) => o.detail ?? '', width: 140 },
      { id: 'connection', header: 'Connection', text: (o) => o.connectionName, sortValue: (o) => o.connectionName, width: 96 },
      {
        id: 'lastBackup',
        header: 'Last backup',
        text: (o) => (o.lastBackup ? formatDateTime(o.lastBackup) : 'never'),
        sortValue: (o) => o.lastBackup ?? '',
        width: 176
      },
      {
        id: 'action',
        header: 'Action',
        text: () => '',
        cell: (o) => (
          <button type="button" className="btn" aria-label={`Restore ${o.name} (${o.connectionName})`} onClick={(e) => {
              openerRef.current = e.currentTarget
              setPicked(o)
            }}
          >
            Restore…
          </button>
        ),
        csv: [],
        width: 124,
        sticky: true
      }
    ],
    []
  )

  return (
    <section className="panel" aria-labelledby="rc-search-heading">
      <h2 id="rc-search-heading">Start a restore</h2>
      {parts.length === 0 ? (
        <p className="muted">No connection here can start a restore yet: add a connection first.</p>
      ) : (
        <form
          className="toolbar"
          role="search"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            void search.run(text)
          }}
        >
          <label htmlFor="rc-search">Find a customer&apos;s backup</label>
          <input id="rc-search" ref={searchRef} type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="rc-search-hint" autoComplete="off" />
          {/* aria-disabled, not disabled, while searching: a disabled button loses the focus to the page's body. */}
          <button type="submit" className="btn btn-primary" aria-disabled={search.busy || undefined}>
            {search.busy ? 'Searching…' : 'Search'}
          </button>
        </form>
      )}
      {parts.length > 0 && (
        <p className="field-hint" id="rc-search-hint">
          Searches {parts.map((p) => p.restoreCenter?.objects).join(', ')}.
        </p>
      )}
      {notes.map((p) => (
        <p key={p.kind} className="muted small">
          {p.restoreCenterNote}
        </p>
      ))}
      {search.error && (
        <p className="error-text" role="alert">
          {search.error}
        </p>
      )}
      {found && (
        <>
          {found.problems.map((problem) => (
            <p key={problem} className="banner banner-warn">
              Not searched: {problem}
            </p>
          ))}
          <p className="muted small" aria-live="polite">
            {found.objects.length === 0
              ? found.text
                ? `Nothing restorable matches “${found.text}”.`
                : 'Nothing restorable found.'
              : `${found.objects.length} restorable ${found.objects.length === 1 ? 'object' : 'objects'}${found.text ? ` matching “${found.text}”` : ''}.`}
          </p>
          {found.unread.map((note) => (
            <p key={note} className="banner banner-info" data-testid="restore-search-unread">
              Not all searched: {note}
            </p>
          ))}
          {found.objects.length > 0 && (
            <DataTable
              tableId="restore-center.objects"
              rows={found.objects}
              columns={columns}
              rowKey={(o) => o.key}
              label="Restorable objects"
              initialSort={{ columnId: 'customer', direction: 'asc' }}
              selectedKey={picked?.key}
              height={found.objects.length > 12 ? '24rem' : undefined}
              rowTestId="restorable-object"
            />
          )}
        </>
      )}
      {picked && Options && (
        <section ref={optionsRef} className="restore-objects-panel" aria-label={`Restore options for ${picked.name}`} data-testid="restore-options">
          <h3 ref={optionsHeadingRef} tabIndex={-1}>
            {picked.what}: {picked.name}
            {picked.customer ? ` (${picked.customer})` : ''}
          </h3>
          <Options object={picked} onClose={closeOptions} />
        </section>
      )}
    </section>
  )
}
