// A consumption unit's backup node: its settings, activation on the SP server, password, filespaces.
// Node passwords only ever leave through NodeCredentials, which main keeps for the vault and never
// sends to the renderer.

import { AppError } from '../../../../../shared/errors'
import type { BackupNode, BackupNodeInput, Filespace } from '../../../../../shared/providers/cloutility/model'
import type { WireNode } from '../dto'
import { items } from '../map/common'
import { toBackupNode, toFilespace } from '../map/nodes'
import { isObject, str } from '../../wire'
import { asPutBody, cuPath, unquote, type CallOptions, type Door } from './common'

/** A node's SP login. Main-only: goes to the vault, never to the renderer. */
export interface NodeCredentials {
  nodeName: string
  password: string
}

export interface ActivationResult {
  nodeName: string
  node: BackupNode
  credentials: NodeCredentials | null
}

/** The fields a create or update sends (the contract has checked them). */
function nodeBody(input: Partial<BackupNodeInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (input.operatingSystemId !== undefined) body.operatingSystem = { id: input.operatingSystemId }
  if (input.typeId !== undefined) body.type = { id: input.typeId }
  if (input.domainId !== undefined) body.domain = { id: input.domainId }
  if (input.clientOptionSetId !== undefined) body.clientOptionSet = { id: input.clientOptionSetId }
  if (input.serverId !== undefined) body.server = { id: input.serverId }
  if (input.contact !== undefined) body.contact = input.contact
  if (input.cpuCount !== undefined) body.cpuCount = input.cpuCount
  return body
}

function readNode(body: unknown, cid: number, what: string): BackupNode {
  const n = toBackupNode(body, cid)
  if (!n) throw new AppError('UPSTREAM', `Cloutility did not return the node ${what}.`)
  return n
}

export function nodesApi({ request, secrets, units }: Door) {
  const nodePath = (buId: number, cid: number) => `${cuPath(buId, cid)}/node`
  const aboutNode = (buId: number, cid: number) => `backup node of ${units.cu(buId, cid)}`

  /** The backup node, or null when the consumption unit has none yet. */
  async function node(buId: number, cid: number, o: CallOptions = {}): Promise<BackupNode | null> {
    try {
      const n = toBackupNode(await request({ ...o, path: nodePath(buId, cid), about: aboutNode(buId, cid) }), cid)
      if (!n) throw new AppError('UPSTREAM', `Cloutility returned an unreadable node for consumption unit ${cid}.`)
      return n
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err
      // NOT_FOUND when the consumption unit itself is gone; a unit without a node is no error.
      await request({ ...o, path: cuPath(buId, cid), about: units.cu(buId, cid) })
      return null
    }
  }

  async function createNode(buId: number, cid: number, input: BackupNodeInput, o: CallOptions = {}): Promise<BackupNode> {
    const body = await request({ ...o, method: 'POST', path: nodePath(buId, cid), json: nodeBody(input), about: units.cu(buId, cid) })
    return readNode(body, cid, 'it created')
  }

  /**
   * PUT replaces the node: read it, apply the change, send it all (operating system, type, domain,
   * option set, contact, CPU count and the rest as read), as the business-unit and consumption-unit
   * updates do. The SP password is left out: it has its own endpoint (node/password) and is a secret.
   */
  async function updateNode(buId: number, cid: number, changes: Partial<BackupNodeInput>, o: CallOptions = {}): Promise<BackupNode> {
    const about = aboutNode(buId, cid)
    const current = await request<WireNode>({ ...o, path: nodePath(buId, cid), about })
    if (isObject(current)) secrets.add(str(current.tsmPassword))
    const json = { ...asPutBody(current, `node of consumption unit ${cid}`, ['tsmPassword']), ...nodeBody(changes) }
    return readNode(await request({ ...o, method: 'PUT', path: nodePath(buId, cid), json, about }), cid, 'it updated')
  }

  /** Deletes the node and, with it, the consumption unit (Cloutility's rule). */
  async function deleteNode(buId: number, cid: number, options: { deleteAssociations?: boolean } = {}, o: CallOptions = {}): Promise<void> {
    await request({
      ...o,
      method: 'DELETE',
      path: nodePath(buId, cid),
      query: { deleteAssociations: options.deleteAssociations ?? true },
      about: aboutNode(buId, cid),
      allowEmpty: true
    })
  }

  /** Sets the node's SP password (the contract has checked it against the SP rules). */
  async function setNodePassword(buId: number, cid: number, password: string, o: CallOptions = {}): Promise<void> {
    secrets.add(password)
    // The answer is not read: an empty success is as good as the node.
    await request({ ...o, method: 'POST', path: `${nodePath(buId, cid)}/password`, json: { tsmPassword: password }, about: aboutNode(buId, cid), allowEmpty: true })
  }

  /** Cloutility's proposal for the SP node name (spname answers a JSON string). */
  async function proposeNodeName(buId: number, cid: number, o: CallOptions = {}): Promise<string> {
    const body = await request<unknown>({ ...o, path: `${nodePath(buId, cid)}/spname`, about: aboutNode(buId, cid) })
    const name = typeof body === 'string' ? unquote(body) : ''
    if (!name) throw new AppError('UPSTREAM', 'Cloutility did not propose a node name.')
    return name.toUpperCase()
  }

  /**
   * Activates the node on the backup server under `nodeName` (checked against the IBM Storage
   * Protect rules by the contract; sent upper-cased, as SP handles names), or without one under
   * Cloutility's proposal (spname).
   */
  async function activateNode(buId: number, cid: number, nodeName?: string, o: CallOptions = {}): Promise<ActivationResult> {
    const name = (nodeName === undefined ? await proposeNodeName(buId, cid, o) : nodeName).trim().toUpperCase()
    const about = aboutNode(buId, cid)
    let answered: unknown
    try {
      answered = await request<unknown>({ ...o, path: `${nodePath(buId, cid)}/activate`, query: { tsmName: name }, about })
    } catch (err) {
      // activate is a GET, so the HTTP layer retries it after a cut-off answer; when the first
      // try went through, the retry is refused as "already registered". If the node now carries
      // the name we asked for, the activation is ours: carry on (and capture its password).
      if (!(err instanceof AppError) || err.code !== 'CONFLICT' || !(Number(err.details?.attempts) > 1)) throw err
      const current = await request<WireNode>({ ...o, path: nodePath(buId, cid), about })
      if (str(current?.tsmName)?.toUpperCase() !== name) throw err
      answered = name
    }
    const finalName = typeof answered === 'string' && unquote(answered) ? unquote(answered).toUpperCase() : name
    const body = await request<WireNode>({ ...o, path: nodePath(buId, cid), about })
    const password = str(body?.tsmPassword)
    if (password) secrets.add(password)
    return {
      nodeName: finalName,
      node: readNode(body, cid, 'it activated'),
      credentials: password ? { nodeName: str(body?.tsmName) ?? finalName, password } : null
    }
  }

  async function filespaces(buId: number, cid: number, options: { tsmSync?: boolean } = {}, o: CallOptions = {}): Promise<Filespace[]> {
    const body = await request({ ...o, path: `${nodePath(buId, cid)}/filespaces`, query: { tsmSync: options.tsmSync ?? false }, about: aboutNode(buId, cid) })
    return items(body, toFilespace)
  }

  return { node, createNode, updateNode, deleteNode, setNodePassword, proposeNodeName, activateNode, filespaces }
}
