// Audit log entries, wire → domain.

import type { AuditLogEntry, AuditLogType } from '../../../../../shared/providers/cloutility/model'
import type { WireAuditLog } from '../dto'
import { defined, int, isObject, isoDate, str } from '../../wire'
import { ref, refName } from './common'

const AUDIT_TYPE_BY_CODE: Record<number, AuditLogType> = { 0: 'info', 100: 'create', 200: 'modify', 300: 'delete', 400: 'error' }

export function toAuditLogEntry(w: WireAuditLog): AuditLogEntry | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  const code = typeof w.type === 'number' ? w.type : int(ref(w.type)?.id)
  const byName = (str(w.typeName) ?? refName(w.type))?.toLowerCase()
  const type: AuditLogEntry['type'] =
    (code !== undefined ? AUDIT_TYPE_BY_CODE[code] : undefined) ??
    (['info', 'create', 'modify', 'delete', 'error'] as const).find((t) => t === byName) ??
    'unknown'
  return defined({
    id,
    type,
    typeCode: code,
    message: str(w.message) ?? '',
    userName: str(w.userName) ?? str(ref(w.user)?.name),
    businessUnitId: int(w.businessUnitId),
    businessUnitName: str(w.businessUnitName),
    consumerId: int(w.consumerId),
    consumerName: str(w.consumerName),
    date: isoDate(w.createdDate)
  })
}
