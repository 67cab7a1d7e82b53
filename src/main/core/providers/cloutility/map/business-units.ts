// The login, business units and the unit tree, wire → domain.

import type { BusinessUnit, BusinessUnitNode, CurrentUser } from '../../../../../shared/providers/cloutility/model'
import type { WireBusinessUnit, WireObject, WireSimpleBusinessUnit, WireUser } from '../dto'
import { arr, bool, defined, int, isObject, isoDate, num, str } from '../../wire'
import { idFromHref, ref, refName, tags } from './common'
import { toTimeZone } from './server-lists'

export function toCurrentUser(w: unknown): CurrentUser {
  const u = (isObject(w) ? w : {}) as WireUser
  const bu = ref(u.businessUnit)
  return defined({
    id: int(u.id) ?? 0,
    username: str(u.name) ?? '',
    displayName: str(u.displayName),
    email: str(u.email),
    role: refName(u.role),
    businessUnit: { id: int(bu?.id) ?? int(u.businessUnitId) ?? 0, name: str(bu?.name) ?? '' },
    lastLoginDate: isoDate(u.lastLoginDate)
  })
}

export function toBusinessUnitNode(w: WireSimpleBusinessUnit, parentId: number | null = null): BusinessUnitNode | undefined {
  if (!isObject(w)) return undefined
  const id = int(w.id)
  if (id === undefined) return undefined
  return defined({
    id,
    parentId: w.parentId === null ? null : (int(w.parentId) ?? parentId),
    name: str(w.name) ?? `#${id}`,
    groupName: str(w.groupName),
    systemId: str(w.systemId),
    hasContract: bool(w.hasContract),
    invoiceDay: int(w.invoiceDay),
    tags: tags(w.tags),
    children: arr<WireSimpleBusinessUnit>(w.businessUnits)
      .map((c) => toBusinessUnitNode(c, id))
      .filter((c): c is BusinessUnitNode => !!c)
  })
}

/**
 * Units of a tree whose name contains `term` (case- and accent-insensitive) or whose id equals it,
 * in tree order, each without its children (a hit is a row, not a subtree), at most `limit`.
 * For servers without the search endpoint.
 */
export function searchTree(tree: BusinessUnitNode, term: string, limit = 200): BusinessUnitNode[] {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  const needle = fold(term.trim())
  if (!needle) return []
  const id = /^\d+$/.test(needle) ? Number(needle) : undefined
  const out: BusinessUnitNode[] = []
  const stack = [tree]
  while (stack.length && out.length < limit) {
    const n = stack.pop() as BusinessUnitNode
    if (n.id === id || fold(n.name).includes(needle)) out.push({ ...n, children: [] })
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as BusinessUnitNode)
  }
  return out
}

export function toBusinessUnit(w: unknown): BusinessUnit | undefined {
  const b = (isObject(w) ? w : {}) as WireBusinessUnit
  const id = int(b.id) ?? idFromHref(b.href, 'bunits')
  if (id === undefined) return undefined
  const parent = ref(b.parentBusinessUnit)
  return defined({
    id,
    name: str(b.name) ?? `#${id}`,
    parentId: int(parent?.id) ?? int((b as WireObject).parentId),
    parentName: str(parent?.name),
    registrationNumber: str(b.registrationNumber),
    note: str(b.note),
    invoiceDay: int(b.invoiceDay),
    timeZone: toTimeZone(b.timeZone),
    supportResponsible: bool(b.supportResponsible),
    storageLimit: num(b.storageLimit),
    transferLimit: num(b.transferLimit),
    nodeLimit: num(b.nodeLimit),
    passwordExpirationDays: int(b.passwordExpirationDays),
    requiredApproversOfDeleteRequest: int(b.requiredApproversOfDeleteRequest),
    finalDeleteRequestApprover: bool(b.finalDeleteRequestApprover),
    usersCanApproveOwnRequests: bool(b.usersCanApproveOwnRequests),
    tags: tags(b.tags),
    createdDate: isoDate(b.createdDate)
  })
}
