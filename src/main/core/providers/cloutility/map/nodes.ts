// Backup nodes, their schedules, proxy relations and filespaces, wire → domain. The node's SP
// password is never carried: only whether it has one.

import type { BackupNode, Filespace, NodeSchedule, ProxyNode } from '../../../../../shared/providers/cloutility/model'
import type { WireFilespace, WireNode, WireObject } from '../dto'
import { arr, bool, defined, int, isObject, isoDate, num, str } from '../../wire'
import { idFromHref, idName, mbToBytes, ref, refName } from './common'
import { toBackupServer, toClientOptionSet, toDomain } from './server-lists'

function toSchedule(w: WireObject): NodeSchedule | undefined {
  if (!isObject(w)) return undefined
  const name = str(w.name)
  if (!name) return undefined
  return defined({
    name,
    description: str(w.description),
    startTime: str(w.startTime),
    periodUnit: str(w.periodUnit),
    duration: num(w.duration),
    durationUnit: str(w.durationUnit),
    dayOfWeek: str(w.dayOfWeek)
  })
}

export function toProxyNode(w: WireNode): ProxyNode | undefined {
  if (!isObject(w)) return undefined
  const consumer = ref(w.consumer)
  const name = str(w.name) ?? str(consumer?.name) ?? str(w.tsmName)
  if (!name) return undefined
  return defined({
    nodeId: int(w.id),
    consumerId: int(w.consumerId) ?? int(consumer?.id) ?? idFromHref(w.href, 'consumers'),
    businessUnitId: int(w.businessUnitId) ?? idFromHref(w.href, 'bunits'),
    name,
    nodeName: str(w.tsmName)
  })
}

export function toBackupNode(w: unknown, consumerId?: number): BackupNode | undefined {
  const n = (isObject(w) ? w : {}) as WireNode
  const id = int(n.id)
  if (id === undefined) return undefined
  const nodeName = str(n.tsmName)
  const activatedDate = isoDate(n.activatedDate)
  const os = ref(n.operatingSystem)
  const osId = int(os?.id)
  return defined({
    id,
    consumerId: int(ref(n.consumer)?.id) ?? idFromHref(n.href, 'consumers') ?? consumerId,
    name: str(n.name) ?? str(ref(n.consumer)?.name) ?? `#${id}`,
    activated: !!(nodeName || activatedDate),
    activatedDate,
    nodeName,
    spNodeId: int(n.tsmNodeId),
    hasPassword: typeof n.tsmPassword === 'string' && n.tsmPassword.length > 0,
    locked: bool(n.locked),
    decommissioned: bool(n.decommissioned),
    cpuCount: int(n.cpuCount),
    contact: str(n.contact),
    operatingSystem: os && osId !== undefined ? defined({ id: osId, name: str(os.name) ?? `#${osId}`, shortName: str((os as WireObject).shortName) }) : undefined,
    type: idName(n.type),
    domain: toDomain(n.domain),
    clientOptionSet: toClientOptionSet(n.clientOptionSet),
    server: toBackupServer(n.server),
    syncState: refName(n.syncState),
    sessionSecurity: refName(n.sessionSecurity),
    platform: refName(n.platform),
    clientVersion: refName(n.tsmClientVersion),
    osLevel: refName(n.osLevel),
    tcpName: str(n.tcpName),
    tcpAddress: str(n.tcpAddress),
    macAddress: str(n.macAddress),
    lastAccessTime: isoDate(n.lastAccessTime),
    registeredTime: isoDate(n.registeredTime),
    state: refName(n.dataSourceState),
    schedules: arr(n.schedules).map(toSchedule).filter((s): s is NodeSchedule => !!s),
    proxy: {
      agents: arr<WireNode>(n.proxyAgents).map(toProxyNode).filter((p): p is ProxyNode => !!p),
      targets: arr<WireNode>(n.proxyTargets).map(toProxyNode).filter((p): p is ProxyNode => !!p)
    },
    createdDate: isoDate(n.createdDate)
  })
}

export function toFilespace(w: WireFilespace): Filespace | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  const occupancies = arr(w.occupancies)
  const logical = occupancies.map((o) => num(o.logicalMegaBytes)).filter((n): n is number => n !== undefined)
  return defined({
    id,
    name: str(w.name) ?? `#${id}`,
    spFilespaceId: int(w.tsmFilespaceId),
    type: str(w.type),
    capacityBytes: mbToBytes(w.capacityMegaBytes),
    frontEndCapacityBytes: mbToBytes(w.frontEndCapacityMegaBytes),
    utilization: num(w.percentageUtilized),
    storedBytes: logical.length ? mbToBytes(logical.reduce((a, b) => a + b, 0)) : undefined,
    lastBackupStart: isoDate(w.lastBackupStart),
    lastBackupEnd: isoDate(w.lastBackupEnd),
    state: refName(w.dataSourceState),
    createdDate: isoDate(w.createdDate)
  })
}
