import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { BackupNode, Filespace, ProxyNode, ProxyRelations } from '../../../../shared/providers/cloutility/model'
import { dsmcProblem, dsmcRestoreCommand, type AgentPlatform } from '../../../../shared/dsmc-command'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'

/** True for a Windows node, false for Linux or macOS, undefined when the node does not say. */
export function isWindowsNode(node: Pick<BackupNode, 'operatingSystem' | 'platform'> | null | undefined): boolean | undefined {
  const os = node?.operatingSystem?.name ?? node?.operatingSystem?.shortName ?? node?.platform
  if (!os) return undefined
  return /^win/i.test(os.trim())
}

const KIND_WORDS = (windows: boolean) => (windows ? 'Windows' : 'Linux or macOS')

export interface ProxyRestoreTarget {
  connectionId: string
  businessUnitId: number
  consumptionUnitId: number
}

/**
 * "Restore this node's files on another machine": pick the agent node, grant it proxy access to
 * the target, and get the exact dsmc command to run on the agent machine; revoke afterwards.
 */
export function ProxyRestoreWizard({
  target,
  onRelationsChanged
}: {
  target: ProxyRestoreTarget
  /** Called after a grant or revoke, so a surrounding list can reload. */
  onRelationsChanged?: () => void
}): ReactNode {
  const [node, setNode] = useState<BackupNode | null>(null)
  const [candidates, setCandidates] = useState<ProxyNode[]>([])
  const [relations, setRelations] = useState<ProxyRelations | null>(null)
  const [filespaces, setFilespaces] = useState<Filespace[]>([])
  const [agentId, setAgentId] = useState<number | null>(null)
  const [filespace, setFilespace] = useState('')
  const [path, setPath] = useState('')
  const [destination, setDestination] = useState('')
  const [platform, setPlatform] = useState<AgentPlatform>('unix')
  const [pitDate, setPitDate] = useState('')
  const [pitTime, setPitTime] = useState('')
  const [confirmRevoke, setConfirmRevoke] = useState(false)
  const [copied, setCopied] = useState(false)

  const load = useAction(async () => {
    const [n, possible, rel, fs] = await Promise.all([
      call('cloutility.node.get', target),
      call('cloutility.proxy.possible', target),
      call('cloutility.proxy.list', target),
      call('cloutility.filespaces', { ...target, sync: false })
    ])
    setNode(n)
    setCandidates(possible)
    setRelations(rel)
    setFilespaces(fs)
    if (fs[0]) setFilespace(fs[0].name)
    if (fs[0]?.name.startsWith('\\\\')) setPlatform('windows')
  })
  const runLoad = load.run
  useEffect(() => {
    void runLoad()
  }, [runLoad])

  const agent = candidates.find((c) => c.consumerId === agentId) ?? relations?.agents.find((c) => c.consumerId === agentId)
  // The agent's own node says which kind of machine it is: a Windows backup restored through a
  // Linux agent (or the reverse) cannot work, so the guide refuses that pair.
  const [agentNodeOf, setAgentNodeOf] = useState<{ consumerId: number; node: BackupNode | null } | null>(null)
  const agentNode = agentNodeOf && agentNodeOf.consumerId === agentId ? agentNodeOf.node : null
  const loadAgent = useAction(async (consumptionUnitId: number, businessUnitId: number) => {
    const n = await call('cloutility.node.get', { connectionId: target.connectionId, businessUnitId, consumptionUnitId })
    setAgentNodeOf({ consumerId: consumptionUnitId, node: n })
    const windows = isWindowsNode(n)
    if (windows !== undefined) setPlatform(windows ? 'windows' : 'unix')
  })
  const runLoadAgent = loadAgent.run
  const agentBusinessUnitId = agent?.businessUnitId ?? target.businessUnitId
  useEffect(() => {
    if (agentId) void runLoadAgent(agentId, agentBusinessUnitId)
  }, [agentId, agentBusinessUnitId, runLoadAgent])
  const granted = Boolean(agentId && relations?.agents.some((a) => a.consumerId === agentId))
  /**
   * What a read of the relations after a failed grant or revoke found: the change may have been
   * made before its answer was lost (or was made already), so the wizard shows the node's real
   * relations, and Grant or Revoke stays possible, rather than what it showed before the attempt.
   */
  const [checkedAfterFailure, setCheckedAfterFailure] = useState<{ agentId: number; after: 'grant' | 'revoke'; granted: boolean } | null>(null)
  const afterFailure = async (agent: number, after: 'grant' | 'revoke'): Promise<boolean | undefined> => {
    try {
      const now = await call('cloutility.proxy.list', target)
      const isGranted = now.agents.some((a) => a.consumerId === agent)
      setRelations(now)
      setCheckedAfterFailure({ agentId: agent, after, granted: isGranted })
      onRelationsChanged?.()
      return isGranted
    } catch {
      setCheckedAfterFailure(null)
      return undefined
    }
  }
  // The next step's first control: a granted agent disables the Grant button, which would drop the
  // keyboard focus to the top of the page, so the focus moves on to where the guide continues.
  const filespaceRef = useRef<HTMLSelectElement>(null)
  const grant = useAction(async () => {
    if (!agentId) return
    setCheckedAfterFailure(null)
    try {
      setRelations(await call('cloutility.proxy.grant', { ...target, role: 'agent', otherId: agentId }))
    } catch (err) {
      await afterFailure(agentId, 'grant')
      throw err
    }
    filespaceRef.current?.focus()
    onRelationsChanged?.()
  })
  const revoke = useAction(async () => {
    if (!agentId) return
    setCheckedAfterFailure(null)
    grant.setError(null)
    try {
      setRelations(await call('cloutility.proxy.revoke', { ...target, role: 'agent', otherId: agentId, confirmId: agentId }))
    } catch (err) {
      // Gone after all (the answer was lost, or another window revoked it): the question is moot.
      if ((await afterFailure(agentId, 'revoke')) === false) setConfirmRevoke(false)
      throw err
    }
    setConfirmRevoke(false)
    onRelationsChanged?.()
  })

  // Opened below other content (a tab, the restore center's results): it brings itself into view
  // and puts the focus on its heading once loaded, so keyboard and screen-reader users land in it.
  const headingRef = useRef<HTMLHeadingElement>(null)
  const loaded = node !== null
  useEffect(() => {
    if (!loaded) return
    headingRef.current?.scrollIntoView({ block: 'start' })
    headingRef.current?.focus()
  }, [loaded])

  const targetNodeName = node?.nodeName ?? ''
  const relationsWord = (isGranted: boolean, after: 'grant' | 'revoke'): string => {
    const who = `${agent?.nodeName ?? agent?.name ?? 'The agent'} ${isGranted ? 'may' : 'may not'} act as ${targetNodeName || 'this node'}`
    const next =
      after === 'grant'
        ? isGranted ? 'the grant is in place; do not grant it again.' : 'nothing was granted; you can grant it again.'
        : isGranted ? 'the grant is still in place; you can revoke it again.' : 'the grant is gone; there is nothing left to revoke.'
    return `Backdesk read the proxy relations again: ${who} now, so ${next}`
  }
  const commandInput = useMemo(
    () => ({
      targetNodeName,
      filespace,
      path,
      destination,
      agentPlatform: platform,
      ...(pitDate ? { pitDate } : {}),
      ...(pitDate && pitTime ? { pitTime } : {})
    }),
    [targetNodeName, filespace, path, destination, platform, pitDate, pitTime]
  )
  // Storage Protect restores Windows backups on Windows and Unix backups on Unix: a mixed pair is
  // refused (no command), not merely warned about.
  const windowsBackup = isWindowsNode(node) ?? filespace.startsWith('\\\\')
  const agentWindows = isWindowsNode(agentNode)
  const agentMismatch =
    agent && agentWindows !== undefined && agentWindows !== windowsBackup
      ? `${agent.nodeName ?? agent.name} is a ${KIND_WORDS(agentWindows)} node and ${targetNodeName || 'this node'} a ${KIND_WORDS(windowsBackup)} node: Storage Protect cannot restore one's files on the other. Choose a ${KIND_WORDS(windowsBackup)} agent node.`
      : null
  const platformMismatch =
    agentMismatch ??
    ((filespace || node) && (platform === 'windows') !== windowsBackup
      ? `${filespace || targetNodeName} is a ${KIND_WORDS(windowsBackup)} backup: it can only be restored on a ${KIND_WORDS(windowsBackup)} agent machine.`
      : null)
  const problem = !targetNodeName
    ? 'The target node is not activated yet: it has no Storage Protect name.'
    : (platformMismatch ?? dsmcProblem(commandInput))
  const command = problem ? null : dsmcRestoreCommand(commandInput)

  if (load.error) return <p role="alert" className="error-text">{load.error}</p>
  if (load.busy && !node) return <p>Loading the node, its filespaces and possible agents…</p>

  return (
    <section className="panel" aria-labelledby="proxy-restore-heading" data-testid="proxy-restore">
      <h2 id="proxy-restore-heading" ref={headingRef} tabIndex={-1}>Restore {targetNodeName || 'this node'}&apos;s files on another machine</h2>
      <ol className="wizard-steps">
        <li>
          <label htmlFor="pr-agent">Agent node (the machine that will receive the files)</label>
          <select id="pr-agent" value={agentId ?? ''} onChange={(e) => setAgentId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">Choose a node…</option>
            {[...(relations?.agents ?? []), ...candidates]
              .filter((c, i, all) => c.consumerId !== undefined && all.findIndex((x) => x.consumerId === c.consumerId) === i)
              .map((c) => (
                <option key={c.consumerId} value={c.consumerId}>
                  {c.nodeName ?? c.name}
                  {relations?.agents.some((a) => a.consumerId === c.consumerId) ? ' (already granted)' : ''}
                </option>
              ))}
          </select>
        </li>
        <li>
          <p>
            Grant proxy access: {agent ? <strong>{agent.nodeName ?? agent.name}</strong> : 'the agent'} may act as{' '}
            <strong>{targetNodeName || 'the target'}</strong> (GRANT PROXYNODE).
          </p>
          {grant.error && <p role="alert" className="error-text">{grant.error}</p>}
          {grant.error && checkedAfterFailure?.after === 'grant' && checkedAfterFailure.agentId === agentId && (
            <p className="field-hint" data-testid="proxy-checked">{relationsWord(checkedAfterFailure.granted, 'grant')}</p>
          )}
          {loadAgent.error && <p role="alert" className="error-text">{loadAgent.error}</p>}
          {agentMismatch && (
            <p role="alert" className="error-text" data-testid="proxy-refusal">
              {agentMismatch}
            </p>
          )}
          <button type="button" className="btn btn-primary" disabled={!agentId || granted || grant.busy || Boolean(agentMismatch) || loadAgent.busy} onClick={() => void grant.run()}>
            {granted ? 'Proxy access granted' : grant.busy ? 'Granting…' : 'Grant proxy access'}
          </button>
        </li>
        <li>
          <label htmlFor="pr-fs">Filespace</label>
          <select id="pr-fs" ref={filespaceRef} value={filespace} onChange={(e) => setFilespace(e.target.value)}>
            {filespaces.map((f) => (
              <option key={f.id} value={f.name}>
                {f.name}
                {f.type ? ` (${f.type})` : ''}
              </option>
            ))}
          </select>
          <label htmlFor="pr-path">Folder inside the filespace (empty = everything)</label>
          <input id="pr-path" value={path} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
          <label htmlFor="pr-platform">Agent machine</label>
          <select
            id="pr-platform"
            value={platform}
            aria-invalid={platformMismatch ? true : undefined}
            {...(platformMismatch ? { 'aria-describedby': 'pr-platform-problem' } : {})} onChange={(e) => setPlatform(e.target.value as AgentPlatform)}>
            <option value="unix">Linux or macOS (run as root)</option>
            <option value="windows">Windows (Administrator command prompt)</option>
          </select>
          {platformMismatch && (
            <p className="error-text" id="pr-platform-problem" role="alert">
              {platformMismatch}
            </p>
          )}
          <label htmlFor="pr-dest">Destination folder on the agent machine</label>
          <input id="pr-dest" value={destination} spellCheck={false} onChange={(e) => setDestination(e.target.value)} />
          <label htmlFor="pr-date">Point in time (optional): date</label>
          <input id="pr-date" type="date" value={pitDate} onChange={(e) => setPitDate(e.target.value)} />
          <label htmlFor="pr-time">time</label>
          <input id="pr-time" type="time" step={1} value={pitTime} disabled={!pitDate} onChange={(e) => setPitTime(e.target.value)} />
        </li>
        <li>
          <p>Run on the agent machine:</p>
          {command ? (
            <>
              <pre className="command" data-testid="dsmc-command">{command}</pre>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  void navigator.clipboard
                    .writeText(command)
                    .then(() => setCopied(true))
                    .catch(() => setCopied(false))
                }}
              >
                {copied ? 'Copied' : 'Copy command'}
              </button>
              {!granted && <p className="field-hint">The command works once proxy access is granted.</p>}
            </>
          ) : (
            <p className="field-hint">{problem}</p>
          )}
        </li>
        <li>
          <p>When the restore is done, take the access back.</p>
          {revoke.error && <p role="alert" className="error-text">{revoke.error}</p>}
          {revoke.error && checkedAfterFailure?.after === 'revoke' && checkedAfterFailure.agentId === agentId && (
            <p className="field-hint" data-testid="proxy-checked">{relationsWord(checkedAfterFailure.granted, 'revoke')}</p>
          )}
          <button type="button" className="btn btn-danger" disabled={!granted} onClick={() => setConfirmRevoke(true)}>
            Revoke proxy access…
          </button>
        </li>
      </ol>
      {confirmRevoke && agent && (
        <ConfirmDialog
          title="Revoke proxy access?"
          confirmLabel="Revoke"
          busy={revoke.busy}
          error={revoke.error}
          onCancel={() => setConfirmRevoke(false)}
          onConfirm={() => void revoke.run()}
        >
          <p>
            {agent.nodeName ?? agent.name} will no longer be able to act as {targetNodeName} (REVOKE PROXYNODE). Restores
            running with -asnodename stop working.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}
