// The login, its business-unit tree and the units themselves.

import { AppError } from '../../../../../shared/errors'
import type { BusinessUnit, BusinessUnitInput, BusinessUnitNode, CurrentUser } from '../../../../../shared/providers/cloutility/model'
import type { WireBusinessUnit, WireSimpleBusinessUnit } from '../dto'
import { items } from '../map/common'
import { searchTree, toBusinessUnit, toBusinessUnitNode, toCurrentUser } from '../map/business-units'
import { isObject } from '../../wire'
import { asPutBody, buPath, positiveId, unquote, type CallOptions, type Door } from './common'

/** The fields a create or update sends (the contract has checked them). */
function buBody(input: Partial<BusinessUnitInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (input.name !== undefined) body.name = input.name
  if (input.registrationNumber !== undefined) body.registrationNumber = input.registrationNumber
  if (input.note !== undefined) body.note = input.note
  if (input.invoiceDay !== undefined) body.invoiceDay = input.invoiceDay
  if (input.timeZoneId !== undefined) body.timeZone = { id: input.timeZoneId }
  return body
}

export function businessUnitsApi(door: Door) {
  const { request, units } = door

  /** A tree's units, for the names messages use. */
  function* treeUnits(node: BusinessUnitNode): Generator<BusinessUnitNode> {
    yield node
    for (const child of node.children) yield* treeUnits(child)
  }

  async function fullVersion(o: CallOptions = {}): Promise<string> {
    const v = await request<unknown>({ ...o, path: '/v1/fullVersion' })
    return typeof v === 'string' ? unquote(v) : String(v ?? '')
  }

  async function me(o: CallOptions = {}): Promise<CurrentUser> {
    return toCurrentUser(await request({ ...o, path: '/v1/me' }))
  }

  /** The business-unit tree of the login (or rooted at `rootId`). */
  async function businessUnitTree(rootId?: number, o: CallOptions = {}): Promise<BusinessUnitNode> {
    const body = await request<WireSimpleBusinessUnit>({
      ...o,
      path: '/v1/bunits',
      ...(rootId !== undefined ? { query: { bunitId: positiveId(rootId, 'business unit') }, about: units.bu(rootId) } : {})
    })
    const tree = isObject(body) ? toBusinessUnitNode(body) : undefined
    if (!tree) throw new AppError('UPSTREAM', 'Cloutility returned no business-unit tree.')
    units.learn(treeUnits(tree))
    return tree
  }

  /**
   * Business units whose name contains `term` or whose id is `term` (`GET /v1/search/bunits`).
   * A server without that endpoint (404) is searched through its tree instead.
   */
  async function searchBusinessUnits(term: string, rootId?: number, o: CallOptions = {}): Promise<BusinessUnitNode[]> {
    const text = term.trim()
    if (!text) return []
    try {
      const body = await request({ ...o, path: '/v1/search/bunits', query: { searchTerm: text, bunitId: rootId } })
      return items<WireSimpleBusinessUnit, BusinessUnitNode>(body, (w) => toBusinessUnitNode(w))
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err
      door.logger.info('search endpoint not available; searching the business-unit tree')
      return searchTree(await businessUnitTree(rootId, o), text)
    }
  }

  async function businessUnit(id: number, o: CallOptions = {}): Promise<BusinessUnit> {
    const b = toBusinessUnit(await request({ ...o, path: buPath(id), about: units.bu(id) }))
    if (!b) throw new AppError('UPSTREAM', `Cloutility returned an unreadable business unit ${id}.`)
    units.learn([b])
    return b
  }

  async function createBusinessUnit(parentId: number, input: BusinessUnitInput, o: CallOptions = {}): Promise<BusinessUnit> {
    const created = toBusinessUnit(await request({ ...o, method: 'POST', path: `${buPath(parentId)}/bunits`, json: buBody(input), about: units.bu(parentId) }))
    if (!created) throw new AppError('UPSTREAM', 'Cloutility did not return the new business unit.')
    units.learn([created])
    return created
  }

  /** PUT replaces the object: read it, apply the change, send it all (asPutBody). */
  async function updateBusinessUnit(id: number, changes: Partial<BusinessUnitInput>, o: CallOptions = {}): Promise<BusinessUnit> {
    const current = asPutBody(await request<WireBusinessUnit>({ ...o, path: buPath(id), about: units.bu(id) }), `business unit ${id}`)
    const updated = toBusinessUnit(await request({ ...o, method: 'PUT', path: buPath(id), json: { ...current, id, ...buBody(changes) }, about: units.bu(id) }))
    if (!updated) throw new AppError('UPSTREAM', `Cloutility did not return business unit ${id}.`)
    units.learn([updated])
    return updated
  }

  async function deleteBusinessUnit(id: number, o: CallOptions = {}): Promise<void> {
    await request({ ...o, method: 'DELETE', path: buPath(id), about: units.bu(id), allowEmpty: true })
  }

  return { fullVersion, me, businessUnitTree, searchBusinessUnits, businessUnit, createBusinessUnit, updateBusinessUnit, deleteBusinessUnit }
}
