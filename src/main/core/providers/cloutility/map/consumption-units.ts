// Consumption units, wire → domain, and what a status report adds to them.

import type { ConsumptionUnit, NodeReport } from '../../../../../shared/providers/cloutility/model'
import type { WireConsumer, WireNode } from '../dto'
import { bool, defined, int, isObject, isoDate, num, str } from '../../wire'
import { idFromHref, ref, refName, tags } from './common'

export function toConsumptionUnit(w: WireConsumer, businessUnitId: number): ConsumptionUnit | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id) ?? idFromHref(w.href, 'consumers')
  if (id === undefined) return undefined
  const bu = ref(w.businessUnit)
  const node = isObject(w.node) ? (w.node as WireNode) : undefined
  return defined({
    id,
    name: str(w.name) ?? `#${id}`,
    businessUnitId: int(bu?.id) ?? idFromHref(w.href, 'bunits') ?? businessUnitId,
    businessUnitName: str(bu?.name),
    dataSourceType: refName(w.dataSourceType),
    state: refName(w.dataSourceState),
    nodeName: str(node?.tsmName),
    os: refName(node?.operatingSystem),
    nodeType: refName(node?.type),
    billingStartDate: isoDate(w.billingStartDate),
    latestRestorePoint: isoDate(w.latestRestorePoint),
    externalReference: str(w.externalReference),
    note: str(w.note),
    limitHighStorage: num(w.limitHighStorage),
    allowNoActivity: bool(w.allowNoActivity),
    tags: tags(w.tags),
    createdDate: isoDate(w.createdDate)
  })
}

/** Adds what the business unit's status report knows (node name, status, storage, last backup). */
export function withReport(cu: ConsumptionUnit, report: NodeReport | undefined): ConsumptionUnit {
  if (!report) return cu
  return defined({
    ...cu,
    nodeName: cu.nodeName ?? report.nodeName,
    status: report.status ?? cu.status,
    storageBytes: report.storageBytes ?? cu.storageBytes,
    lastBackup: report.lastBackupDate ?? cu.lastBackup,
    lastBackupStatus: report.lastBackupStatus ?? cu.lastBackupStatus,
    lastSuccessfulBackup: report.lastSuccessfulBackupDate ?? cu.lastSuccessfulBackup
  })
}
