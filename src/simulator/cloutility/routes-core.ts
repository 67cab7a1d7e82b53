import type { Router } from '../http/router'
import { field, hasField, intQuery, isRecord, parseJsonBody, queryParam } from '../http/request'
import { json } from '../http/types'
import { ACTIONS, CATALOG_CREATED, FULL_VERSION, NODE_TYPES, NODE_WARNING_TYPES, OPERATING_SYSTEMS, TIME_ZONES, CLIENT_OPTION_SETS, DOMAINS } from './catalog'
import type { CloutilityContext } from './context'
import type { BusinessUnitRecord } from './data'
import { apiError } from './errors'
import { refId, requireFields } from './input'
import * as shape from './shapes'

// Session, business units, users, time zones and the lookup catalogues.

function page(req: Parameters<typeof intQuery>[0]) {
  const offset = intQuery(req, 'offset', 0)
  const limitRaw = queryParam(req, 'limit')
  return limitRaw === undefined ? { offset } : { offset, limit: intQuery(req, 'limit', 0, 0, 100_000) }
}

export { page as pageFromQuery }

export function registerCoreRoutes(router: Router, ctx: CloutilityContext): void {
  const { data } = ctx

  router.post('/v1/oauth', (req) => ctx.auth.oauth(req))

  router.get('/v1/fullVersion', (req) => {
    ctx.session(req)
    return json(200, FULL_VERSION)
  })

  router.get('/v1/me', (req) => {
    const s = ctx.session(req)
    return json(200, shape.user(req.baseUrl, data, s.user, true))
  })

  router.get('/v1/actions', (req) => {
    ctx.session(req)
    const items = ACTIONS.map((a) => ({ href: `${req.baseUrl}/v1/actions/${a.id}`, name: a.name, id: a.id, createdDate: CATALOG_CREATED }))
    return json(200, shape.collection(req.baseUrl, '/v1/actions', items))
  })
  router.get('/v1/actions/:id', (req) => {
    ctx.session(req)
    const a = ACTIONS.find((x) => String(x.id) === req.params.id)
    if (!a) throw apiError(404, 'Action not found.')
    return json(200, { href: `${req.baseUrl}/v1/actions/${a.id}`, name: a.name, id: a.id, createdDate: CATALOG_CREATED })
  })

  // --- business units -------------------------------------------------------------------------
  router.get('/v1/bunits', (req) => {
    const s = ctx.session(req)
    const raw = queryParam(req, 'bunitId')
    const root = raw ? ctx.buById(raw, s) : (data.businessUnits.get(s.rootBuId) as BusinessUnitRecord)
    return json(200, shape.simpleTree(data, root))
  })

  router.get('/v1/bunits/:bu', (req) => {
    const s = ctx.session(req)
    return json(200, shape.buFull(req.baseUrl, data, ctx.bu(req, s), s.rootBuId))
  })

  router.get('/v1/bunits/:bu/bunits', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const items = bu.childIds.map((id) => data.businessUnits.get(id)).filter((b): b is BusinessUnitRecord => !!b).map((b) => shape.buListItem(req.baseUrl, b))
    return json(200, shape.collection(req.baseUrl, `/v1/bunits/${bu.id}/bunits`, items, page(req)))
  })

  router.get('/v1/bunits/:bu/ancestors', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const items = []
    let cur = bu.parentId === null ? undefined : data.businessUnits.get(bu.parentId)
    // Only ancestors the app may see: the chain stops at the app's home business unit.
    while (cur && ctx.auth.isInSubtree(cur.id, s.rootBuId)) {
      items.unshift(shape.buListItem(req.baseUrl, cur))
      cur = cur.parentId === null ? undefined : data.businessUnits.get(cur.parentId)
    }
    return json(200, shape.collection(req.baseUrl, `/v1/bunits/${bu.id}/ancestors`, items))
  })

  router.post('/v1/bunits/:bu/bunits', (req) => {
    const s = ctx.session(req)
    const parent = ctx.bu(req, s)
    const body = parseJsonBody(req)
    if (!isRecord(body)) throw apiError(400, 'The request body must be a BusinessUnit object.')
    const name = field(body, 'name')
    if (typeof name !== 'string' || !name.trim()) throw apiError(400, 'The Name field is required.')
    if (parent.childIds.some((id) => data.businessUnits.get(id)?.name.toLowerCase() === name.trim().toLowerCase())) {
      throw apiError(409, 'A business unit with that name already exists.', `'${name}' already exists under business unit ${parent.id}.`)
    }
    const tz = hasField(body, 'timeZone') ? refId(field(body, 'timeZone'), TIME_ZONES, 'timeZone') : undefined
    const reg = field(body, 'registrationNumber')
    const now = ctx.now()
    const bu: BusinessUnitRecord = {
      id: data.nextIds.bu++,
      parentId: parent.id,
      name: name.trim(),
      level: parent.level === 'provider' ? 'customer' : parent.level === 'reseller' ? 'customer' : 'department',
      systemId: `00000000-0000-4000-a000-${String(data.nextIds.bu).padStart(12, '0')}`,
      registrationNumber: typeof reg === 'string' ? reg : '',
      timeZoneId: tz ?? parent.timeZoneId,
      createdMs: now,
      invoiceDay: 0,
      hasContract: false,
      tags: [],
      childIds: [],
      consumerIds: [],
      userIds: [],
      extra: {}
    }
    const note = field(body, 'note')
    if (typeof note === 'string' && note) bu.note = note
    data.businessUnits.set(bu.id, bu)
    parent.childIds.push(bu.id)
    ctx.audit(100, `Business unit '${bu.name}' created`, bu.id, null, s)
    return json(200, shape.buFull(req.baseUrl, data, bu, s.rootBuId))
  })

  // Lax: a PUT changes the fields it sends. Strict: it replaces the business unit, as PUT does at
  // the service (every client that updates reads the object and sends it all back): `name` and
  // `timeZone` are required, and a field left out goes back to its default.
  router.put('/v1/bunits/:bu', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const body = parseJsonBody(req)
    if (!isRecord(body)) throw apiError(400, 'The request body must be a BusinessUnit object.')
    if (ctx.strict) requireFields(body, ['name', 'timeZone'], 'BusinessUnit')
    const next = ctx.strict
      ? { name: bu.name, registrationNumber: '', note: undefined as string | undefined, invoiceDay: 0, timeZoneId: bu.timeZoneId, extra: {} as Record<string, unknown> }
      : { name: bu.name, registrationNumber: bu.registrationNumber, note: bu.note, invoiceDay: bu.invoiceDay, timeZoneId: bu.timeZoneId, extra: { ...bu.extra } }
    const name = field(body, 'name')
    if (name !== undefined && name !== null) {
      if (typeof name !== 'string' || !name.trim()) throw apiError(400, 'The Name field must not be empty.')
      const parent = bu.parentId === null ? undefined : data.businessUnits.get(bu.parentId)
      if (parent?.childIds.some((id) => id !== bu.id && data.businessUnits.get(id)?.name.toLowerCase() === name.trim().toLowerCase())) {
        throw apiError(409, 'A business unit with that name already exists.')
      }
      next.name = name.trim()
    }
    const reg = field(body, 'registrationNumber')
    if (typeof reg === 'string') next.registrationNumber = reg
    const note = field(body, 'note')
    if (typeof note === 'string') next.note = note
    const invoiceDay = field(body, 'invoiceDay')
    if (invoiceDay !== undefined) {
      if (typeof invoiceDay !== 'number' || !Number.isInteger(invoiceDay) || invoiceDay < 0 || invoiceDay > 28) throw apiError(400, 'invoiceDay must be 0..28 (0 = last day of month).')
      next.invoiceDay = invoiceDay
    }
    if (hasField(body, 'timeZone')) {
      const tz = refId(field(body, 'timeZone'), TIME_ZONES, 'timeZone')
      if (tz !== undefined) next.timeZoneId = tz
    }
    for (const key of ['storageLimit', 'transferLimit', 'nodeLimit', 'passwordExpirationDays', 'requiredApproversOfDeleteRequest']) {
      const v = field(body, key)
      if (v !== undefined) {
        if (typeof v !== 'number' || v < 0) throw apiError(400, `${key} must be a non-negative number.`)
        next.extra[key] = v
      }
    }
    for (const key of ['supportResponsible', 'finalDeleteRequestApprover', 'usersCanApproveOwnRequests', 'reportRemotely', 'useScheduleBindings']) {
      const v = field(body, key)
      if (v !== undefined) {
        if (typeof v !== 'boolean') throw apiError(400, `${key} must be a boolean.`)
        next.extra[key] = v
      }
    }
    // Every check passed: only now does the business unit change.
    bu.name = next.name
    bu.registrationNumber = next.registrationNumber
    if (next.note === undefined) delete bu.note
    else bu.note = next.note
    bu.invoiceDay = next.invoiceDay
    bu.timeZoneId = next.timeZoneId
    bu.extra = next.extra
    ctx.audit(200, `Business unit '${bu.name}' modified`, bu.id, null, s)
    return json(200, shape.buFull(req.baseUrl, data, bu, s.rootBuId))
  })

  router.delete('/v1/bunits/:bu', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    if (bu.id === s.rootBuId) throw apiError(403, 'Access denied.', 'An API client cannot delete its own home business unit.')
    if (bu.childIds.length) throw apiError(409, 'The business unit has child business units.', `Business unit ${bu.id} still has ${bu.childIds.length} child business units.`)
    if (bu.consumerIds.length) throw apiError(409, 'The business unit has consumption units.', `Business unit ${bu.id} still has ${bu.consumerIds.length} consumption units.`)
    const body = shape.buFull(req.baseUrl, data, bu, s.rootBuId)
    const parent = bu.parentId === null ? undefined : data.businessUnits.get(bu.parentId)
    if (parent) parent.childIds = parent.childIds.filter((id) => id !== bu.id)
    for (const uid of bu.userIds) data.users.delete(uid)
    data.businessUnits.delete(bu.id)
    ctx.audit(300, `Business unit '${bu.name}' deleted`, parent?.id ?? bu.id, null, s)
    return json(200, body)
  })

  // --- search, rules and provider (Cloutility's /v1/help pages) -------------------------------------
  router.get('/v1/search/bunits', (req) => {
    const s = ctx.session(req)
    const term = (queryParam(req, 'searchTerm') ?? '').trim()
    if (!term) throw apiError(400, 'The searchTerm query parameter is required.')
    const raw = queryParam(req, 'bunitId')
    const root = raw ? ctx.buById(raw, s) : (data.businessUnits.get(s.rootBuId) as BusinessUnitRecord)
    const lower = term.toLowerCase()
    const items = ctx
      .subtreeIds(root)
      .map((id) => data.businessUnits.get(id))
      .filter((b): b is BusinessUnitRecord => !!b && (b.name.toLowerCase().includes(lower) || String(b.id) === term))
      .map((b) => ({ ...shape.simpleTree(data, b), businessUnits: [] }))
    return json(200, shape.collection(req.baseUrl, '/v1/search/bunits', items))
  })

  /** The provider a business unit belongs to: itself or its nearest ancestor at provider level. */
  const providerOf = (bu: BusinessUnitRecord): BusinessUnitRecord | undefined => {
    for (let b: BusinessUnitRecord | undefined = bu; b; b = b.parentId === null ? undefined : data.businessUnits.get(b.parentId)) {
      if (b.level === 'provider') return b
    }
    return undefined
  }

  // Rules live on the provider and are inherited below it; the system root names nodes by hand.
  router.get('/v1/bunits/:bu/inheritednodenamingrule', (req) => {
    const s = ctx.session(req)
    const provider = providerOf(ctx.bu(req, s))
    if (!provider) return json(200, { setNamesManually: true, counter: 0, numberOfDigits: 0, rule: '', replacementCharacter: '_' })
    let named = 0
    for (const id of ctx.subtreeIds(provider)) for (const cid of data.businessUnits.get(id)?.consumerIds ?? []) if (data.consumers.get(cid)?.node?.tsmName) named++
    const prefix = provider.name.replace(/[^A-Za-z0-9]/g, '').slice(0, 6).toUpperCase() || 'NODE'
    return json(200, { setNamesManually: false, counter: named + 1, numberOfDigits: 4, rule: `${prefix}-{counter}`, replacementCharacter: '_' })
  })

  router.get('/v1/bunits/:bu/nodedeletionrule', (req) => {
    const s = ctx.session(req)
    const provider = providerOf(ctx.bu(req, s))
    if (!provider) return json(200, { retentionDays: 0, deleteNodesAutomatically: false, useDecommission: false, deleteFilespacesAutomatically: false })
    const home = provider.id === data.homeBusinessUnitId
    return json(200, { retentionDays: home ? 30 : 90, deleteNodesAutomatically: false, useDecommission: true, deleteFilespacesAutomatically: !home })
  })

  router.get('/v1/bunits/:bu/provider', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    // The first ancestor with a contract: who provides the service to this unit.
    for (let b = bu.parentId === null ? undefined : data.businessUnits.get(bu.parentId); b; b = b.parentId === null ? undefined : data.businessUnits.get(b.parentId)) {
      if (b.hasContract) return json(200, { ...shape.simpleTree(data, b), businessUnits: [] })
    }
    throw apiError(404, 'No provider found.', `No ancestor of business unit ${bu.id} has a contract.`)
  })

  // --- users ----------------------------------------------------------------------------------
  router.get('/v1/bunits/:bu/users', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const items = bu.userIds.map((id) => data.users.get(id)).filter((u) => !!u).map((u) => shape.user(req.baseUrl, data, u, false))
    return json(200, shape.collection(req.baseUrl, `/v1/bunits/${bu.id}/users`, items, page(req)))
  })
  router.get('/v1/bunits/:bu/users/:uid', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const u = data.users.get(Number(req.params.uid))
    if (!u || u.buId !== bu.id) throw apiError(404, 'User not found.')
    return json(200, shape.user(req.baseUrl, data, u, true))
  })
  router.delete('/v1/bunits/:bu/users/:uid', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const u = data.users.get(Number(req.params.uid))
    if (!u || u.buId !== bu.id) throw apiError(404, 'User not found.')
    if (u.id === s.user.id) throw apiError(409, 'You cannot delete yourself.')
    const body = shape.user(req.baseUrl, data, u, false)
    data.users.delete(u.id)
    bu.userIds = bu.userIds.filter((id) => id !== u.id)
    ctx.audit(300, `User '${u.username}' deleted`, bu.id, null, s)
    return json(200, body)
  })

  // --- time zones ------------------------------------------------------------------------------
  router.get('/v1/timezones', (req) => {
    ctx.session(req)
    return json(200, shape.collection(req.baseUrl, '/v1/timezones', TIME_ZONES.map((t) => shape.timeZone(req.baseUrl, t.id))))
  })
  router.get('/v1/timezones/:id', (req) => {
    ctx.session(req)
    const tz = TIME_ZONES.find((t) => String(t.id) === req.params.id)
    if (!tz) throw apiError(404, 'Time zone not found.')
    return json(200, shape.timeZone(req.baseUrl, tz.id))
  })
  router.get('/v1/timezones/:id/offset', (req) => {
    ctx.session(req)
    const tz = TIME_ZONES.find((t) => String(t.id) === req.params.id)
    if (!tz) throw apiError(404, 'Time zone not found.')
    const date = queryParam(req, 'date')
    if (date && Number.isNaN(Date.parse(date))) throw apiError(400, `The value '${date}' is not a valid date.`)
    return json(200, tz.offset)
  })

  // --- catalogues -----------------------------------------------------------------------------
  router.get('/v1/nodeoperatingsystems', (req) => {
    ctx.session(req)
    return json(200, shape.collection(req.baseUrl, '/v1/nodeoperatingsystems', OPERATING_SYSTEMS.map((o) => shape.operatingSystem(req.baseUrl, o.id))))
  })
  router.get('/v1/nodeoperatingsystems/:id', (req) => {
    ctx.session(req)
    const os = shape.operatingSystem(req.baseUrl, Number(req.params.id))
    if (!os) throw apiError(404, 'Operating system not found.')
    return json(200, os)
  })
  router.get('/v1/nodetypes', (req) => {
    ctx.session(req)
    return json(200, shape.collection(req.baseUrl, '/v1/nodetypes', NODE_TYPES.map((t) => shape.nodeType(req.baseUrl, t.id))))
  })
  router.get('/v1/nodetypes/:id', (req) => {
    ctx.session(req)
    const t = shape.nodeType(req.baseUrl, Number(req.params.id))
    if (!t) throw apiError(404, 'Node type not found.')
    return json(200, t)
  })
  router.get('/v1/nodewarningtypes', (req) => {
    ctx.session(req)
    return json(200, shape.collection(req.baseUrl, '/v1/nodewarningtypes', NODE_WARNING_TYPES.map((t) => shape.warningType(t))))
  })
  router.get('/v1/bunits/:bu/defaultserver', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    return json(200, shape.server(req.baseUrl, bu.id))
  })
  router.get('/v1/bunits/:bu/defaultserver/domains', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    return json(200, shape.collection(req.baseUrl, `/v1/bunits/${bu.id}/defaultserver/domains`, DOMAINS.map((d) => shape.domain(req.baseUrl, bu.id, d.id))))
  })
  router.get('/v1/bunits/:bu/defaultserver/clientoptionsets', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    return json(200, shape.collection(req.baseUrl, `/v1/bunits/${bu.id}/defaultserver/clientoptionsets`, CLIENT_OPTION_SETS.map((c) => shape.clientOptionSet(req.baseUrl, bu.id, c.id))))
  })
}
