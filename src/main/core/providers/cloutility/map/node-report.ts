// One node report, wire → domain, with its warnings. Measured: see README "Performance" and
// test/bench/fleet.bench.ts before changing anything here.

import type { NodeReport, NodeWarning } from '../../../../../shared/providers/cloutility/model'
import type { WireNodeReport, WireNodeWarning } from '../dto'
import { bool, defined, int, isObject, isoDate, mapEach, num, str } from '../../wire'
import { backupStatus, mbToBytes, ref } from './common'

function toNodeWarning(w: WireNodeWarning): NodeWarning | undefined {
  if (!isObject(w)) return undefined
  const type = ref(w.type)
  return defined({
    id: int(w.id),
    typeId: int(type?.id),
    typeName: str(type?.name),
    status: backupStatus(w.status),
    days: num(w.days),
    limit: num(w.limit)
  })
}

// Node reports come 10,000 at a time (a business unit's status report), so each is built once,
// field by field, and by a constructor: V8 gives an object made with `new` room for every
// `this.field =` in its constructor (slack tracking), where fields added one by one to an object
// literal go to a side store that is reallocated as it grows. That cut what mapping a report
// allocates from 7.2 to 4.0 MB, and the garbage collector's share with it. Fields the wire lacks
// stay absent, as elsewhere. The interface gives `this` its fields; the constructor sets those the
// wire has. (IPC and the web shell send JSON, so the class never leaves main.)
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface NodeReportObject extends NodeReport {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class NodeReportObject {
  constructor(w: WireNodeReport) {
    this.id = int(w.id) ?? 0
    this.consumerName = str(w.name) ?? ''
    this.warnings = mapEach(w.warnings, toNodeWarning)
    const consumerId = int(w.consumerId)
    if (consumerId !== undefined) this.consumerId = consumerId
    const nodeId = int(w.nodeId)
    if (nodeId !== undefined) this.nodeId = nodeId
    const nodeName = str(w.tsmName) ?? str(w.dataSource)
    if (nodeName !== undefined) this.nodeName = nodeName
    const businessUnitId = int(w.businessUnitId)
    if (businessUnitId !== undefined) this.businessUnitId = businessUnitId
    const businessUnitName = str(w.businessUnitName)
    if (businessUnitName !== undefined) this.businessUnitName = businessUnitName
    const reportDate = isoDate(w.reportDate)
    if (reportDate !== undefined) this.reportDate = reportDate
    const status = backupStatus(w.status)
    if (status !== undefined) this.status = status
    const pending = bool(w.pending)
    if (pending !== undefined) this.pending = pending
    const storageBytes = mbToBytes(w.megaBytes)
    if (storageBytes !== undefined) this.storageBytes = storageBytes
    const backupBytes = mbToBytes(w.backupMegaBytes)
    if (backupBytes !== undefined) this.backupBytes = backupBytes
    const archiveBytes = mbToBytes(w.archiveMegaBytes)
    if (archiveBytes !== undefined) this.archiveBytes = archiveBytes
    const storageDeltaBytes = mbToBytes(w.megaBytesDelta)
    if (storageDeltaBytes !== undefined) this.storageDeltaBytes = storageDeltaBytes
    const storageDeltaPercent = num(w.megaBytesDeltaPercentage)
    if (storageDeltaPercent !== undefined) this.storageDeltaPercent = storageDeltaPercent
    const transferredBytes = mbToBytes(w.transferredMegaBytes)
    if (transferredBytes !== undefined) this.transferredBytes = transferredBytes
    const transferredBackupBytes = mbToBytes(w.transferredBackupMegaBytes)
    if (transferredBackupBytes !== undefined) this.transferredBackupBytes = transferredBackupBytes
    const transferredRestoreBytes = mbToBytes(w.transferredRestoreMegaBytes)
    if (transferredRestoreBytes !== undefined) this.transferredRestoreBytes = transferredRestoreBytes
    const lastBackupStatus = str(w.lastBackupStatus)
    if (lastBackupStatus !== undefined) this.lastBackupStatus = lastBackupStatus
    const lastBackupDate = isoDate(w.lastBackupDate)
    if (lastBackupDate !== undefined) this.lastBackupDate = lastBackupDate
    const lastSuccessfulBackupDate = isoDate(w.lastSuccessfulBackupDate)
    if (lastSuccessfulBackupDate !== undefined) this.lastSuccessfulBackupDate = lastSuccessfulBackupDate
    const days = num(w.daysSinceLastSuccessfulBackup)
    if (days !== undefined) this.daysSinceLastSuccessfulBackup = days
  }
}

export function toNodeReport(w: WireNodeReport): NodeReport | undefined {
  if (!isObject(w)) return undefined
  return new NodeReportObject(w)
}
