// Proxy relations between nodes: an agent node may act for a target node. Granted and revoked from
// either side; each answer is the relations of the node the call was made on.

import type { ProxyNode, ProxyRelations } from '../../../../../shared/providers/cloutility/model'
import { items } from '../map/common'
import { toBackupNode, toProxyNode } from '../map/nodes'
import type { nodesApi } from './nodes'
import { cuPath, positiveId, type CallOptions, type Door } from './common'

export function proxiesApi({ request, units }: Door, { node }: Pick<ReturnType<typeof nodesApi>, 'node'>) {
  const nodePath = (buId: number, cid: number) => `${cuPath(buId, cid)}/node`

  async function possibleProxyNodes(buId: number, cid: number, o: CallOptions = {}): Promise<ProxyNode[]> {
    return items(await request({ ...o, path: `${nodePath(buId, cid)}/possibleproxynodes`, about: `backup node of ${units.cu(buId, cid)}` }), toProxyNode)
  }

  /** The node's relations; none when the unit has no node yet. */
  async function proxyRelations(buId: number, cid: number, o: CallOptions = {}): Promise<ProxyRelations> {
    return (await node(buId, cid, o))?.proxy ?? { agents: [], targets: [] }
  }

  /** The relations from the node a proxy call answered; an empty answer (204) is read back from the node. */
  const proxyResult = async (body: unknown, buId: number, cid: number, o: CallOptions): Promise<ProxyRelations> =>
    toBackupNode(body, cid)?.proxy ?? proxyRelations(buId, cid, o)

  async function change(method: 'POST' | 'DELETE', buId: number, cid: number, tail: string, query: Record<string, number> | undefined, about: string, o: CallOptions) {
    const body = await request({ ...o, method, path: `${nodePath(buId, cid)}/${tail}`, ...(query ? { query } : {}), about, allowEmpty: true })
    return proxyResult(body, buId, cid, o)
  }

  /** Lets node `agentCid` act for node `targetCid` (granted from the target's side). */
  const grantProxyAgent = (buId: number, targetCid: number, agentCid: number, o: CallOptions = {}): Promise<ProxyRelations> =>
    change('POST', buId, targetCid, 'proxyagents', { proxyAgentId: positiveId(agentCid, 'consumption unit') }, `proxy relation of ${units.cu(buId, targetCid)}`, o)

  /** Lets node `agentCid` act for node `targetCid` (granted from the agent's side). */
  const grantProxyTarget = (buId: number, agentCid: number, targetCid: number, o: CallOptions = {}): Promise<ProxyRelations> =>
    change('POST', buId, agentCid, 'proxytargets', { proxyTargetId: positiveId(targetCid, 'consumption unit') }, `proxy relation of ${units.cu(buId, agentCid)}`, o)

  const revokeProxyAgent = (buId: number, targetCid: number, agentCid: number, o: CallOptions = {}): Promise<ProxyRelations> =>
    change('DELETE', buId, targetCid, `proxyagents/${positiveId(agentCid, 'consumption unit')}`, undefined, `proxy relation between ${targetCid} and ${agentCid}`, o)

  const revokeProxyTarget = (buId: number, agentCid: number, targetCid: number, o: CallOptions = {}): Promise<ProxyRelations> =>
    change('DELETE', buId, agentCid, `proxytargets/${positiveId(targetCid, 'consumption unit')}`, undefined, `proxy relation between ${targetCid} and ${agentCid}`, o)

  return { possibleProxyNodes, proxyRelations, grantProxyAgent, grantProxyTarget, revokeProxyAgent, revokeProxyTarget }
}
