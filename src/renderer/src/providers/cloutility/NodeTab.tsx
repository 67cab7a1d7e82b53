import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { nodeNameProblem, nodePasswordProblem, type ActivationResult } from '../../../../shared/providers/cloutility/contract'
import { codeTitle, DASH, formatCode, formatDateTime, formatDuration } from '../../../../shared/format'
import type { BackupNode, ConsumptionUnit, NodeSchedule } from '../../../../shared/providers/cloutility/model'
import { PLATFORM_WORDS } from '../../../../shared/providers/cloutility/words'
import { ApiError, call, errorMessage } from '../../api'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { ConfirmDialog, Dialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { Fact } from '../../components/Fact'
import { LoadGate } from '../../components/LoadGate'
import { NodeForm } from './NodeForm'
import { useStore } from '../../store'
import { useLoadable } from '../../store/use-loadable'
import type { NodePasswordSlot } from '../../../../shared/model/connection'
import { FormActions } from '../../components/FormActions'
import { useClearedOnLock } from '../../store/use-cleared-on-lock'

interface Where {
  connectionId: string
  businessUnitId: number
  consumptionUnitId: number
}

const REVEAL_MS = 30_000

// The backup server's schedule fields, as it gives them (its own time and period words).
const SCHEDULE_COLUMNS: ReadonlyArray<TableColumn<NodeSchedule>> = [
  { id: 'name', header: 'Name', text: (x) => x.name, sortValue: (x) => x.name, width: 160 },
  { id: 'description', header: 'Description', text: (x) => x.description ?? DASH, sortValue: (x) => x.description, width: 240, grow: true },
  { id: 'start', header: 'Start', text: (x) => x.startTime ?? DASH, sortValue: (x) => x.startTime, width: 120 },
  { id: 'period', header: 'Period', text: (x) => x.periodUnit ?? DASH, sortValue: (x) => x.periodUnit, width: 104 }
]
const scheduleKey = (x: NodeSchedule): string => x.name

/**
 * The stored node password: hidden by default; "Reveal" asks main for it and shows it until a
 * second click or 30 s; "Copy" lets main put it on the clipboard (and clear it after 30 s).
 * The password is in the DOM only while revealed.
 */
function PasswordSlot({ connectionId, nodeId, slot }: { connectionId: string; nodeId: string; slot: NodePasswordSlot }): ReactNode {
  const [revealed, setRevealed] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const hide = useCallback(() => {
    setRevealed(null)
    if (timer.current) clearTimeout(timer.current)
    timer.current = undefined
  }, [])
  useEffect(() => hide, [hide])
  // A revealed password goes at the lock, not 30 s later.
  useClearedOnLock(hide)

  const reveal = useAction(async () => {
    if (revealed !== null) {
      hide()
      return
    }
    const answer = await call('vault.nodeCredential.reveal', { connectionId, nodeId, slot })
    setRevealed(answer.password)
    timer.current = setTimeout(() => setRevealed(null), REVEAL_MS)
  })
  const copy = useAction(async () => {
    setMessage(null)
    try {
      const answer = await call('vault.nodeCredential.copy', { connectionId, nodeId, slot })
      setMessage(`Copied. The clipboard is cleared after ${formatDuration(answer.clearAfterMs / 1000)}.`)
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_SUPPORTED') setMessage(err.message)
      else throw err
    }
  })

  return (
    <>
      <div className="toolbar">
        <span className="mono secret-field" aria-live="polite" data-testid={slot === 'current' ? 'node-password-value' : 'node-password-previous'}>
          {revealed ?? '••••••••••••'}
        </span>
        <button type="button" className="btn" onClick={() => void reveal.run()} aria-pressed={revealed !== null} disabled={reveal.busy}>
          {revealed !== null ? 'Hide' : slot === 'current' ? 'Reveal' : 'Reveal previous'}
        </button>
        <button type="button" className="btn" onClick={() => void copy.run()} disabled={copy.busy}>
          {slot === 'current' ? 'Copy' : 'Copy previous'}
        </button>
      </div>
      {revealed !== null && <p className="muted small">Hidden again in 30 seconds.</p>}
      {(message || reveal.error || copy.error) && (
        <p className={reveal.error || copy.error ? 'error-text' : 'muted small'} role="status">
          {reveal.error ?? copy.error ?? message}
        </p>
      )}
    </>
  )
}

/**
 * The node password kept in the vault. After a change whose outcome was not recorded (the vault
 * locked or could not be written after Cloutility answered, or no certain answer came), the newest
 * password is marked unconfirmed, the previous one can be revealed too, and the technician settles
 * which one the node uses.
 */
export function NodePasswordControls({
  connectionId,
  nodeId,
  nodeName,
  unconfirmed,
  onSettled
}: {
  connectionId: string
  nodeId: string
  nodeName: string
  unconfirmed?: { since: string; hasPrevious: boolean } | undefined
  onSettled: () => void
}): ReactNode {
  const settle = useAction(async (keep: NodePasswordSlot) => {
    await call('vault.nodeCredential.settle', { connectionId, nodeId, keep })
    onSettled()
  })
  return (
    <div className="password-box" data-testid="node-password">
      <p>
        <strong>Node password stored in the vault</strong> for <span className="mono">{nodeName}</span>.
      </p>
      <PasswordSlot connectionId={connectionId} nodeId={nodeId} slot="current" />
      {unconfirmed && (
        <div role="group" aria-label="Unconfirmed password change" data-testid="node-password-unconfirmed">
          <p className="banner banner-warn">
            Not confirmed: this password was sent to Cloutility on {formatDateTime(unconfirmed.since)} and Backdesk could not record the
            outcome. Cloutility most likely uses it; {unconfirmed.hasPrevious ? 'if the backup client cannot log in with it, try the previous one.' : 'no earlier password was saved.'}
          </p>
          {unconfirmed.hasPrevious && <PasswordSlot connectionId={connectionId} nodeId={nodeId} slot="previous" />}
          <div className="toolbar">
            <button type="button" className="btn" onClick={() => void settle.run('current')} disabled={settle.busy}>
              The node uses this password
            </button>
            {unconfirmed.hasPrevious && (
              <button type="button" className="btn" onClick={() => void settle.run('previous')} disabled={settle.busy}>
                The node uses the previous one
              </button>
            )}
          </div>
          {settle.error && (
            <p className="error-text" role="status">
              {settle.error}
            </p>
          )}
        </div>
      )}
    </div>
  )
}

/** Activation: the name Cloutility proposes, checked live against the IBM Storage Protect rules. */
function ActivationWizard({ where, onClose, onDone }: { where: Where; onClose: () => void; onDone: (result: ActivationResult) => void }): ReactNode {
  const id = useId()
  const proposal = useLoadable(() => call('cloutility.node.proposeName', where), `${where.connectionId}/${where.consumptionUnitId}`)
  const [name, setName] = useState<string | null>(null)
  const value = name ?? proposal.value?.name ?? ''
  const asking = proposal.loading && name === null
  // Checked as soon as there is something to check: an empty field is a problem like any other.
  const problem = asking ? null : nodeNameProblem(value)
  const activate = useAction(async () => onDone(await call('cloutility.node.activate', { ...where, nodeName: value.trim().toUpperCase() })))
  return (
    <Dialog title="Activate backup node" onClose={onClose}>
      <p>
        Activation registers the node on the IBM Storage Protect server. Cloutility creates its password; Backdesk keeps it in the
        vault and never shows it unless you ask.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!asking && !problem) void activate.run()
        }}
        noValidate
      >
        <label htmlFor={`${id}-name`}>Node name</label>
        <input
          id={`${id}-name`}
          className="mono"
          value={value}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-rule`}
          autoComplete="off"
          spellCheck={false}
          maxLength={80}
        />
        <p id={`${id}-rule`} className={problem ? 'field-error' : 'field-hint'} aria-live="polite">
          {asking
            ? 'Asking Cloutility for a name…'
            : (problem ?? `OK: ${value.trim().toUpperCase().length} of 64 characters, A–Z 0–9 _ . - + & (shown in upper case).`)}
        </p>
        {proposal.error && <p className="error-text">Cloutility proposed no name: {proposal.error}</p>}
        <FormActions busy={activate.busy} label="Activate" busyLabel="Activating…" disabled={asking || !!problem} error={activate.error} onCancel={onClose} />
      </form>
    </Dialog>
  )
}

function PasswordDialog({ where, nodeName, onClose, onDone }: { where: Where; nodeName: string; onClose: () => void; onDone: () => void }): ReactNode {
  const id = useId()
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  useClearedOnLock(() => {
    setPassword('')
    setConfirm('')
  })
  const problem = password ? nodePasswordProblem(password) : null
  const mismatch = confirm && confirm !== password ? 'The two passwords differ.' : null
  const save = useAction(async () => {
    await call('cloutility.node.changePassword', { ...where, password, confirm })
    setPassword('')
    setConfirm('')
    onDone()
  })
  return (
    <Dialog title={`Change the password of ${nodeName}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!problem && !mismatch && password) void save.run()
        }}
        noValidate
      >
        <label htmlFor={`${id}-pw`}>New password</label>
        <input
          id={`${id}-pw`}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-pw-hint`}
        />
        <p id={`${id}-pw-hint`} className={problem ? 'field-error' : 'field-hint'}>
          {problem ?? '8–64 characters. The backup client must use the new password from now on.'}
        </p>
        <label htmlFor={`${id}-confirm`}>Repeat the new password</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={mismatch ? true : undefined}
        />
        {mismatch && <p className="field-error">{mismatch}</p>}
        <FormActions busy={save.busy} label="Change password" busyLabel="Changing…" disabled={!!problem || !!mismatch || !password || confirm !== password} error={save.error} onCancel={onClose} />
      </form>
    </Dialog>
  )
}

export function NodeTab({
  where,
  consumptionUnit,
  onChanged,
  onDeleted
}: {
  where: Where
  consumptionUnit: ConsumptionUnit | undefined
  /** The node was created, edited or activated: what the unit's summary shows of it changed. */
  onChanged: () => void
  /** The node (and with it the consumption unit) is gone. */
  onDeleted: () => void
}): ReactNode {
  const key = `${where.connectionId}/${where.businessUnitId}/${where.consumptionUnitId}`
  const node = useLoadable(() => call('cloutility.node.get', where), key)
  const [dialog, setDialog] = useState<'create' | 'edit' | 'activate' | 'password' | 'delete' | null>(null)
  const [stored, setStored] = useState<{ nodeId: string; nodeName: string } | null>(null)
  // Counts password changes: the reveal box starts over (hidden) after each, so a password
  // revealed before the change is never left on screen as if it were still the node's.
  const [passwordChanges, setPasswordChanges] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)
  const pushToast = useStore((s) => s.pushToast)
  const [deleteAssociations, setDeleteAssociations] = useState(true)
  const checkId = useId()

  // A password stored earlier for this node (e.g. activated in an earlier session).
  const credentials = useLoadable(() => call('vault.nodeCredential.list', { connectionId: where.connectionId }).catch(() => []), `${key}/${stored?.nodeId ?? ''}`)
  const n: BackupNode | null | undefined = node.value
  // The vault's list first: it says whether a change is unconfirmed.
  const listed = n ? credentials.value?.find((c) => c.nodeId === String(n.id)) : undefined
  const known = listed ?? (n && stored?.nodeId === String(n.id) ? stored : undefined)

  const del = useAction(async () => {
    await call('cloutility.node.delete', { ...where, deleteAssociations, confirmId: where.consumptionUnitId })
    setDialog(null)
    // The screen goes back to the list: say what happened there.
    pushToast({ level: 'success', message: `Deleted backup node ${n?.nodeName ?? n?.name ?? `#${where.consumptionUnitId}`} and its consumption unit.` })
    onDeleted()
  })

  // A reload after an edit keeps the node on screen: its buttons stay, so a closing dialog can
  // give focus back to the one that opened it.
  return (
    <LoadGate loading={node.loading && node.value === undefined} error={node.error} onRetry={node.reload}>
      {notice && (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      )}
      {n === null ? (
        <div>
          <p>This consumption unit has no backup node yet.</p>
          <button type="button" className="btn btn-primary" onClick={() => setDialog('create')}>
            Create backup node
          </button>
        </div>
      ) : n ? (
        <>
          <div className="toolbar">
            <span className={`badge ${n.activated ? 'badge-ok' : 'badge-warn'}`} data-testid="node-state">{n.activated ? 'Activated' : 'Not activated'}</span>
            {n.locked && <span className="badge badge-error">Locked</span>}
            {/* One group at the right: a narrow pane moves it under the state whole, not "Delete node…" alone. */}
            <div className="toolbar-group toolbar-actions" role="group" aria-label="Node actions">
              {!n.activated && (
                <button type="button" className="btn btn-primary" onClick={() => setDialog('activate')}>
                  Activate…
                </button>
              )}
              {n.activated && (
                <button type="button" className="btn" onClick={() => setDialog('password')}>
                  Change password…
                </button>
              )}
              <button type="button" className="btn" onClick={() => setDialog('edit')}>
                Edit node…
              </button>
              <button type="button" className="btn btn-danger" onClick={() => setDialog('delete')}>
                Delete node…
              </button>
            </div>
          </div>
          {known && (
            <NodePasswordControls
              key={`${known.nodeId}/${passwordChanges}`}
              connectionId={where.connectionId}
              nodeId={known.nodeId}
              nodeName={known.nodeName}
              unconfirmed={listed?.unconfirmed}
              onSettled={() => {
                setPasswordChanges((count) => count + 1)
                credentials.reload()
              }}
            />
          )}
          <dl className="facts">
            <Fact label="Node name" code>{n.nodeName}</Fact>
            <Fact label="SP node id" code>{n.spNodeId}</Fact>
            <Fact label="Activated">{n.activatedDate ? formatDateTime(n.activatedDate) : n.activated ? 'yes' : 'no'}</Fact>
            <Fact label="Password held by Cloutility">{n.hasPassword ? 'yes' : 'no'}</Fact>
            <Fact label="Operating system">{n.operatingSystem?.name}</Fact>
            <Fact label="Node type">{n.type?.name}</Fact>
            <Fact label="Domain">{n.domain ? `${n.domain.name}${n.domain.description ? ` — ${n.domain.description}` : ''}` : undefined}</Fact>
            <Fact label="Client option set">{n.clientOptionSet?.name}</Fact>
            <Fact label="Backup server">{n.server?.name}</Fact>
            <Fact label="Contact">{n.contact}</Fact>
            <Fact label="CPU count">{n.cpuCount}</Fact>
            <Fact label="Locked">{n.locked === undefined ? undefined : n.locked ? 'yes' : 'no'}</Fact>
            <Fact label="Decommissioned">{n.decommissioned === undefined ? undefined : n.decommissioned ? 'yes' : 'no'}</Fact>
            <Fact label="Sync state">{n.syncState}</Fact>
            <Fact label="Session security">{n.sessionSecurity}</Fact>
            <Fact label="Platform">{n.platform ? <span title={codeTitle(n.platform, PLATFORM_WORDS)}>{formatCode(n.platform, PLATFORM_WORDS)}</span> : undefined}</Fact>
            <Fact label="Client version" code>{n.clientVersion}</Fact>
            <Fact label="OS level" code>{n.osLevel}</Fact>
            <Fact label="TCP name" code>{n.tcpName}</Fact>
            <Fact label="TCP address" code>{n.tcpAddress}</Fact>
            <Fact label="MAC address" code>{n.macAddress}</Fact>
            <Fact label="Last access">{n.lastAccessTime ? formatDateTime(n.lastAccessTime) : undefined}</Fact>
            <Fact label="Registered">{n.registeredTime ? formatDateTime(n.registeredTime) : undefined}</Fact>
            <Fact label="State">{n.state}</Fact>
            <Fact label="Created">{n.createdDate ? formatDateTime(n.createdDate) : undefined}</Fact>
            <Fact label="Node id" code>{n.id}</Fact>
          </dl>
          {n.schedules.length > 0 && (
            <>
              <h3>Schedules</h3>
              <DataTable
                tableId="cloutility.node-schedules"
                rows={n.schedules}
                columns={SCHEDULE_COLUMNS}
                rowKey={scheduleKey}
                label={`Schedules of ${n.nodeName ?? n.name}`}
              />
            </>
          )}
        </>
      ) : null}

      {dialog === 'create' && (
        <NodeForm
          {...where}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null)
            setNotice('Backup node created. Activate it to register it on the backup server.')
            node.reload()
            onChanged()
          }}
        />
      )}
      {dialog === 'edit' && n && (
        <NodeForm
          {...where}
          existing={n}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null)
            setNotice('Node saved.')
            node.set(saved)
            node.reload()
            onChanged()
          }}
        />
      )}
      {dialog === 'activate' && (
        <ActivationWizard
          where={where}
          onClose={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null)
            setStored(result.passwordStored ? { nodeId: result.nodeId, nodeName: result.nodeName } : null)
            setNotice(
              result.passwordStored
                ? `Activated as ${result.nodeName}. Node password stored in the vault.`
                : `Activated as ${result.nodeName}, but the password could not be stored in the vault. Look it up in the Cloutility portal.`
            )
            node.reload()
            onChanged()
          }}
        />
      )}
      {dialog === 'password' && n && (
        <PasswordDialog
          where={where}
          nodeName={n.nodeName ?? n.name}
          onClose={() => {
            setDialog(null)
            // A failed change may have left the new password in the vault, unconfirmed: show it.
            setPasswordChanges((count) => count + 1)
            credentials.reload()
          }}
          onDone={() => {
            setDialog(null)
            setPasswordChanges((count) => count + 1)
            setStored({ nodeId: String(n.id), nodeName: n.nodeName ?? n.name })
            credentials.reload()
            setNotice('Password changed and stored in the vault.')
          }}
        />
      )}
      {dialog === 'delete' && n && (
        <ConfirmDialog
          title={`Delete backup node ${n.nodeName ?? n.name}?`}
          confirmLabel="Delete node and consumption unit"
          typeToConfirm={n.nodeName ?? consumptionUnit?.name ?? String(where.consumptionUnitId)}
          busy={del.busy}
          error={del.error}
          onCancel={() => setDialog(null)}
          onConfirm={() => void del.run()}
        >
          <p>This deletes:</p>
          <ul>
            <li>
              the backup node <strong className="mono">{n.nodeName ?? '(not activated)'}</strong> (node id {n.id}), and with it
            </li>
            <li>
              its consumption unit <strong>{consumptionUnit?.name ?? `#${where.consumptionUnitId}`}</strong> (id {where.consumptionUnitId}).
            </li>
          </ul>
          <p>The node is locked on the backup server; its data is kept until the retention rules remove it. Billing for it stops.</p>
          <label className="check" htmlFor={checkId}>
            <input id={checkId} type="checkbox" checked={deleteAssociations} onChange={(e) => setDeleteAssociations(e.target.checked)} /> Also delete its
            schedule associations on the backup server
          </label>
        </ConfirmDialog>
      )}
      {credentials.error && <p className="error-text">{errorMessage(credentials.error)}</p>}
    </LoadGate>
  )
}
