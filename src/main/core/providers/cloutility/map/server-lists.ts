// The lists a node form picks from (server, domains, option sets, OS, node types, time zones), wire → domain.

import type { BackupServer, ClientOptionSet, Domain, NodeType, OperatingSystem, TimeZone } from '../../../../../shared/providers/cloutility/model'
import type { WireDomain, WireObject, WireOperatingSystem, WireTimeZone } from '../dto'
import { arr, defined, int, num, str } from '../../wire'
import { idName, ref } from './common'

export function toTimeZone(w: unknown): TimeZone | undefined {
  const t = ref(w) as WireTimeZone | undefined
  const id = int(t?.id)
  if (!t || id === undefined) return undefined
  return defined({ id, name: str(t.name) ?? `#${id}`, windowsId: str(t.windowsId), offsetMinutes: num(t.offset) })
}

export function toDomain(w: unknown): Domain | undefined {
  const d = ref(w) as WireDomain | undefined
  const id = int(d?.id)
  if (!d || id === undefined) return undefined
  return defined({
    id,
    name: str(d.name) ?? `#${id}`,
    description: str(d.description),
    backupRetention: num(d.backupRetention),
    archiveRetention: num(d.archiveRetention)
  })
}

export function toClientOptionSet(w: unknown): ClientOptionSet | undefined {
  const c = ref(w)
  const id = int(c?.id)
  if (!c || id === undefined) return undefined
  return defined({ id, name: str(c.name) ?? `#${id}`, description: str((c as WireObject).description) })
}

export function toNodeType(w: unknown): NodeType | undefined {
  const t = ref(w)
  const id = int(t?.id)
  if (!t || id === undefined) return undefined
  return defined({ id, name: str(t.name) ?? `#${id}`, shortName: str((t as WireObject).shortName) })
}

export function toOperatingSystem(w: unknown): OperatingSystem | undefined {
  const o = ref(w) as WireOperatingSystem | undefined
  const id = int(o?.id)
  if (!o || id === undefined) return undefined
  return defined({
    id,
    name: str(o.name) ?? `#${id}`,
    shortName: str(o.shortName),
    supportedNodeTypes: arr(o.supportedNodeTypes).map(toNodeType).filter((t): t is NodeType => !!t)
  })
}

export function toBackupServer(w: unknown): BackupServer | undefined {
  return idName(w)
}
