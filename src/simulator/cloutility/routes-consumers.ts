import { randomInt } from 'node:crypto'
import type { Router } from '../http/router'
import { boolQuery, field, isRecord, parseJsonBody, queryParam } from '../http/request'
import { json, type SimRequest } from '../http/types'
import { BACKUP_SERVER, CLIENT_OPTION_SETS, DOMAINS, NODE_TYPES, OPERATING_SYSTEMS } from './catalog'
import type { Session } from './auth'
import type { CloutilityContext } from './context'
import type { ConsumerRecord, NodeRecord } from './data'
import { apiError } from './errors'
import { refId, requireFields } from './input'
import { nodeHealth } from './jobs'
import { pageFromQuery } from './routes-core'
import * as shape from './shapes'

// Consumption units (consumers), their backup node, SP activation, filespaces and proxy relations.

/** IBM Storage Protect object names: A-Z 0-9 _ . - + &, at most 64, handled upper-case (§2). */
export const SP_NAME = /^[A-Z0-9_.\-+&]{1,64}$/
const SP_PASSWORD = /^[A-Za-z0-9.!@#$%^&*_\-+=`()|{}[\]:;<>,?/~\\]{8,64}$/

function randomSpToken(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  let s = ''
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)]
  return s
}

export function registerConsumerRoutes(router: Router, ctx: CloutilityContext): void {
  const { data } = ctx
  const base = (req: SimRequest) => req.baseUrl

  const requireNode = (c: ConsumerRecord): NodeRecord => {
    if (!c.node) throw apiError(404, 'Backup node not found.', `Consumption unit ${c.id} has no backup node.`)
    return c.node
  }
  const nodeBody = (req: SimRequest, c: ConsumerRecord) => json(200, shape.nodeFull(base(req), data, c, ctx.now()))

  const removeConsumer = (c: ConsumerRecord) => {
    const bu = data.businessUnits.get(c.buId)
    if (bu) bu.consumerIds = bu.consumerIds.filter((id) => id !== c.id)
    if (c.node?.tsmName) data.tsmNames.delete(c.node.tsmName)
    for (const other of [...(c.node?.proxyAgentIds ?? []), ...(c.node?.proxyTargetIds ?? [])]) {
      const o = data.consumers.get(other)
      if (o?.node) {
        o.node.proxyAgentIds = o.node.proxyAgentIds.filter((id) => id !== c.id)
        o.node.proxyTargetIds = o.node.proxyTargetIds.filter((id) => id !== c.id)
      }
    }
    data.consumers.delete(c.id)
  }

  type ConsumerFields = Pick<ConsumerRecord, 'note' | 'externalReference' | 'limitHighStorage' | 'allowNoActivity' | 'billingStartMs'>
  const consumerFields = (c: ConsumerRecord): ConsumerFields => ({
    note: c.note,
    externalReference: c.externalReference,
    limitHighStorage: c.limitHighStorage,
    allowNoActivity: c.allowNoActivity,
    billingStartMs: c.billingStartMs
  })
  /** The fields a body sets, on top of `base`; throws (400) before anything changes. */
  const readConsumerFields = (base: ConsumerFields, body: Record<string, unknown>): ConsumerFields => {
    const next = { ...base }
    const note = field(body, 'note')
    if (typeof note === 'string') next.note = note
    const ext = field(body, 'externalReference')
    if (typeof ext === 'string') next.externalReference = ext
    const limit = field(body, 'limitHighStorage')
    if (limit !== undefined && limit !== null) {
      if (typeof limit !== 'number' || limit < 0) throw apiError(400, 'limitHighStorage must be a non-negative number.')
      next.limitHighStorage = limit
    }
    const allow = field(body, 'allowNoActivity')
    if (allow !== undefined && allow !== null) {
      if (typeof allow !== 'boolean') throw apiError(400, 'allowNoActivity must be a boolean.')
      next.allowNoActivity = allow
    }
    const billingStart = field(body, 'billingStartDate')
    if (typeof billingStart === 'string' && billingStart && !billingStart.startsWith('0001-01-01')) {
      const ms = Date.parse(billingStart)
      if (Number.isNaN(ms)) throw apiError(400, 'billingStartDate is not a valid date.')
      next.billingStartMs = ms
    }
    return next
  }
  const applyConsumerFields = (c: ConsumerRecord, body: Record<string, unknown>) => {
    Object.assign(c, readConsumerFields(consumerFields(c), body))
  }

  const duplicateName = (buId: number, name: string, exceptId?: number) => {
    const bu = data.businessUnits.get(buId)
    return !!bu?.consumerIds.some((id) => id !== exceptId && data.consumers.get(id)?.name.toLowerCase() === name.toLowerCase())
  }

  // --- consumers ------------------------------------------------------------------------------
  router.get('/v1/bunits/:bu/consumers', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const items = bu.consumerIds.map((id) => data.consumers.get(id)).filter((c): c is ConsumerRecord => !!c).map((c) => shape.consumerListItem(base(req), c))
    return json(200, shape.collection(base(req), `/v1/bunits/${bu.id}/consumers`, items, pageFromQuery(req)))
  })

  router.post('/v1/bunits/:bu/consumers', (req) => {
    const s = ctx.session(req)
    const bu = ctx.bu(req, s)
    const body = parseJsonBody(req)
    if (!isRecord(body)) throw apiError(400, 'The request body must be a Consumer object.')
    const name = field(body, 'name')
    if (typeof name !== 'string' || !name.trim()) throw apiError(400, 'The Name field is required.')
    // An existing consumer (by id) elsewhere in the subtree is moved here (help page POST consumers).
    const idValue = field(body, 'id')
    if (typeof idValue === 'number' && idValue !== 0) {
      const existing = ctx.consumerInScope(String(idValue), s)
      if (duplicateName(bu.id, name.trim(), existing.id)) throw apiError(409, 'A consumption unit with that name already exists.')
      const from = data.businessUnits.get(existing.buId)
      if (from) from.consumerIds = from.consumerIds.filter((id) => id !== existing.id)
      existing.buId = bu.id
      existing.name = name.trim()
      bu.consumerIds.push(existing.id)
      applyConsumerFields(existing, body)
      ctx.audit(200, `Consumption unit '${existing.name}' moved to '${bu.name}'`, bu.id, existing.id, s)
      return json(200, shape.consumerFull(base(req), data, existing))
    }
    if (duplicateName(bu.id, name.trim())) throw apiError(409, 'A consumption unit with that name already exists.', `'${name}' already exists in business unit ${bu.id}.`)
    const now = ctx.now()
    const c: ConsumerRecord = {
      id: data.nextIds.consumer++,
      buId: bu.id,
      name: name.trim(),
      createdMs: now,
      billingStartMs: now - (now % 86_400_000),
      note: '',
      externalReference: '',
      limitHighStorage: 0,
      allowNoActivity: false,
      profile: 'new',
      troubleSinceDay: data.anchorDay,
      baseMegaBytes: 1024,
      dailyGrowth: 0.001,
      node: null
    }
    applyConsumerFields(c, body)
    data.consumers.set(c.id, c)
    bu.consumerIds.push(c.id)
    ctx.audit(100, `Consumption unit '${c.name}' created`, bu.id, c.id, s)
    return json(200, shape.consumerFull(base(req), data, c))
  })

  router.get('/v1/bunits/:bu/consumers/:cid', (req) => {
    const s = ctx.session(req)
    const { consumer } = ctx.consumer(req, s)
    return json(200, shape.consumerFull(base(req), data, consumer))
  })

  // Lax: a PUT changes the fields it sends. Strict: it replaces the consumption unit (Name is
  // required; a field left out goes back to its default; billingStartDate, set by the service
  // when billing starts, stays unless sent).
  router.put('/v1/bunits/:bu/consumers/:cid', (req) => {
    const s = ctx.session(req)
    const { bu, consumer } = ctx.consumer(req, s)
    const body = parseJsonBody(req)
    if (!isRecord(body)) throw apiError(400, 'The request body must be a Consumer object.')
    if (ctx.strict) requireFields(body, ['name'], 'Consumer')
    const name = field(body, 'name')
    let nextName = consumer.name
    if (name !== undefined && name !== null) {
      if (typeof name !== 'string' || !name.trim()) throw apiError(400, 'The Name field must not be empty.')
      if (duplicateName(bu.id, name.trim(), consumer.id)) throw apiError(409, 'A consumption unit with that name already exists.')
      nextName = name.trim()
    }
    const start = ctx.strict
      ? { note: '', externalReference: '', limitHighStorage: 0, allowNoActivity: false, billingStartMs: consumer.billingStartMs }
      : consumerFields(consumer)
    Object.assign(consumer, readConsumerFields(start, body))
    consumer.name = nextName
    ctx.audit(200, `Consumption unit '${consumer.name}' modified`, bu.id, consumer.id, s)
    return json(200, shape.consumerFull(base(req), data, consumer))
  })

  router.delete('/v1/bunits/:bu/consumers/:cid', (req) => {
    const s = ctx.session(req)
    const { bu, consumer } = ctx.consumer(req, s)
    const deleteAssociations = boolQuery(req, 'deleteAssociations', true)
    boolQuery(req, 'unassignSecondaryDataSources', false)
    const comment = queryParam(req, 'deletionComment') ?? ''
    const body = shape.consumerFull(base(req), data, consumer)
    removeConsumer(consumer)
    ctx.audit(300, `Consumption unit '${consumer.name}' deleted${deleteAssociations ? ' (schedule associations deleted)' : ''}${comment ? `: ${comment}` : ''}`, bu.id, consumer.id, s)
    return json(200, body)
  })

  // --- node -----------------------------------------------------------------------------------
  router.get('/v1/bunits/:bu/consumers/:cid/node', (req) => {
    const s = ctx.session(req)
    const { consumer } = ctx.consumer(req, s)
    requireNode(consumer)
    return nodeBody(req, consumer)
  })

  /**
   * Sets a node's fields from a body, after every check passed. `replace` (strict PUT): the body
   * is the whole node, so OS, type, domain and option set are required and a contact or CPU count
   * left out goes back to its default. Otherwise (POST, lax PUT) only the fields sent change.
   */
  const applyNodeFields = (node: NodeRecord, body: Record<string, unknown>, mode: 'create' | 'patch' | 'replace') => {
    if (mode === 'replace') requireFields(body, ['operatingSystem', 'type', 'domain', 'clientOptionSet'], 'Node')
    const os = refId(field(body, 'operatingSystem'), OPERATING_SYSTEMS, 'operatingSystem')
    const type = refId(field(body, 'type'), NODE_TYPES, 'type')
    const domain = refId(field(body, 'domain'), DOMAINS, 'domain')
    const cos = refId(field(body, 'clientOptionSet'), CLIENT_OPTION_SETS, 'clientOptionSet', { standard: 1 })
    refId(field(body, 'server'), [BACKUP_SERVER, ...BACKUP_SERVER.aliases.map((name) => ({ id: BACKUP_SERVER.id, name }))], 'server')
    if (mode === 'create' && os === undefined) throw apiError(400, 'The OperatingSystem field is required.')
    if (mode === 'create' && type === undefined) throw apiError(400, 'The Type field is required.')
    const osId = os ?? node.osId
    const typeId = type ?? node.typeId
    const osDef = OPERATING_SYSTEMS.find((o) => o.id === osId)
    if (osDef && !(osDef.nodeTypeIds as readonly number[]).includes(typeId)) {
      throw apiError(400, `Node type ${typeId} is not supported on ${osDef.name}.`)
    }
    const contact = field(body, 'contact')
    const cpu = field(body, 'cpuCount')
    const cpuGiven = cpu !== undefined && cpu !== null && cpu !== 0
    if (cpuGiven && (typeof cpu !== 'number' || !Number.isInteger(cpu) || cpu < 0 || cpu > 1024)) throw apiError(400, 'cpuCount must be an integer 0..1024.')
    node.osId = osId
    node.typeId = typeId
    if (domain !== undefined) node.domainId = domain
    if (cos !== undefined) node.clientOptionSetId = cos
    if (typeof contact === 'string') node.contact = contact
    else if (mode === 'replace') node.contact = ''
    if (cpuGiven) node.cpuCount = cpu as number
    else if (mode === 'replace') node.cpuCount = 1
  }

  router.post('/v1/bunits/:bu/consumers/:cid/node', (req) => {
    const s = ctx.session(req)
    const { bu, consumer } = ctx.consumer(req, s)
    if (consumer.node) throw apiError(409, 'The consumption unit already has a backup node.')
    const body = parseJsonBody(req)
    if (!isRecord(body)) throw apiError(400, 'The request body must be a Node object.')
    const now = ctx.now()
    const node: NodeRecord = {
      id: data.nextIds.node++,
      createdMs: now,
      osId: 0,
      typeId: 0,
      domainId: 1,
      clientOptionSetId: 1,
      cpuCount: 1,
      contact: '',
      tsmName: '',
      tsmPassword: '',
      tsmNodeId: null,
      activatedMs: null,
      locked: false,
      scheduleMinute: 22 * 60,
      proxyAgentIds: [],
      proxyTargetIds: []
    }
    applyNodeFields(node, body, 'create')
    consumer.node = node
    ctx.audit(100, `Backup node created for '${consumer.name}'`, bu.id, consumer.id, s)
    return nodeBody(req, consumer)
  })

  router.put('/v1/bunits/:bu/consumers/:cid/node', (req) => {
    const s = ctx.session(req)
    const { bu, consumer } = ctx.consumer(req, s)
    const node = requireNode(consumer)
    const body = parseJsonBody(req)
    if (!isRecord(body)) throw apiError(400, 'The request body must be a Node object.')
    applyNodeFields(node, body, ctx.strict ? 'replace' : 'patch')
    ctx.audit(200, `Backup node of '${consumer.name}' modified`, bu.id, consumer.id, s)
    return nodeBody(req, consumer)
  })

  router.delete('/v1/bunits/:bu/consumers/:cid/node', (req) => {
    const s = ctx.session(req)
    const { bu, consumer } = ctx.consumer(req, s)
    requireNode(consumer)
    boolQuery(req, 'deleteAssociations', true)
    const body = shape.nodeFull(base(req), data, consumer, ctx.now())
    removeConsumer(consumer) // deleting the node removes the whole consumption unit (seed 001)
    ctx.audit(300, `Backup node and consumption unit '${consumer.name}' deleted`, bu.id, consumer.id, s)
    return json(200, body)
  })

  router.post('/v1/bunits/:bu/consumers/:cid/node/password', (req) => {
    const s = ctx.session(req)
    const { bu, consumer } = ctx.consumer(req, s)
    const node = requireNode(consumer)
    const body = parseJsonBody(req)
    const pw = field(body, 'tsmPassword')
    if (typeof pw !== 'string' || !pw) throw apiError(400, 'The TsmPassword field is required.')
    if (!node.activatedMs) throw apiError(400, 'The node is not activated.', 'A password can only be set on an activated node.')
    if (!SP_PASSWORD.test(pw)) throw apiError(400, 'Invalid password.', 'Passwords are 8..64 characters from a-z A-Z 0-9 and . ! @ # $ % ^ & * _ - + = ` ( ) | { } [ ] : ; < > , ? / ~ \\')
    node.tsmPassword = pw
    node.locked = false
    ctx.audit(200, `Password of node '${node.tsmName}' changed`, bu.id, consumer.id, s)
    return nodeBody(req, consumer)
  })

  router.get('/v1/bunits/:bu/consumers/:cid/node/spname', (req) => {
    const s = ctx.session(req)
    const { consumer } = ctx.consumer(req, s)
    const node = requireNode(consumer)
    if (node.activatedMs) return json(200, node.tsmName)
    while (!node.proposedName || data.tsmNames.has(node.proposedName)) node.proposedName = randomSpToken(12)
    return json(200, node.proposedName)
  })

  router.get('/v1/bunits/:bu/consumers/:cid/node/activate', (req) => {
    const s = ctx.session(req)
    const { bu, consumer } = ctx.consumer(req, s)
    const node = requireNode(consumer)
    if (node.activatedMs) throw apiError(409, 'The node is already activated.', `Node is already registered as ${node.tsmName}.`)
    let name = (queryParam(req, 'tsmName') ?? '').trim()
    // The Go client passes the raw body of /node/spname, i.e. a JSON-quoted string.
    if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1)
    if (!name) {
      do name = randomSpToken(12)
      while (data.tsmNames.has(name))
    }
    name = name.toUpperCase()
    if (!SP_NAME.test(name)) {
      throw apiError(400, 'Invalid node name.', `'${name}' breaks the IBM Storage Protect naming rules: 1..64 characters from A-Z 0-9 _ . - + &.`)
    }
    if (data.tsmNames.has(name)) throw apiError(409, 'The node name is already in use.', `An SP node named ${name} already exists.`)
    node.tsmName = name
    node.tsmPassword = randomSpToken(16)
    node.tsmNodeId = data.nextIds.tsmNodeId++
    node.activatedMs = ctx.now()
    delete node.proposedName
    data.tsmNames.set(name, consumer.id)
    ctx.audit(200, `Node activated as '${name}'`, bu.id, consumer.id, s)
    return json(200, name)
  })

  router.get('/v1/bunits/:bu/consumers/:cid/node/filespaces', (req) => {
    const s = ctx.session(req)
    const { consumer } = ctx.consumer(req, s)
    requireNode(consumer)
    boolQuery(req, 'tsmSync', false)
    const now = ctx.now()
    const items = shape.filespaces(base(req), data, consumer, nodeHealth(data, consumer, now, now))
    return json(200, shape.collection(base(req), `/v1/bunits/${consumer.buId}/consumers/${consumer.id}/node/filespaces`, items))
  })

  // --- proxy relations (SP GRANT/REVOKE PROXYNODE) --------------------------------------------
  router.get('/v1/bunits/:bu/consumers/:cid/node/possibleproxynodes', (req) => {
    const s = ctx.session(req)
    const { bu, consumer } = ctx.consumer(req, s)
    requireNode(consumer)
    const items = bu.consumerIds
      .map((id) => data.consumers.get(id))
      .filter((c): c is ConsumerRecord => !!c && c.id !== consumer.id && !!c.node?.activatedMs)
      .map((c) => shape.nodeListItem(base(req), c))
    return json(200, shape.collection(base(req), `/v1/bunits/${bu.id}/consumers/${consumer.id}/node/possibleproxynodes`, items))
  })

  /** Grants `agent` the right to act as `target`. */
  const grant = (target: ConsumerRecord, agent: ConsumerRecord, s: Session) => {
    if (target.id === agent.id) throw apiError(400, 'A node cannot be a proxy for itself.')
    const t = requireNode(target)
    const a = requireNode(agent)
    if (!t.activatedMs || !a.activatedMs) throw apiError(400, 'Both nodes must be activated.')
    if (t.proxyAgentIds.includes(agent.id)) throw apiError(409, 'The proxy relation already exists.')
    t.proxyAgentIds.push(agent.id)
    a.proxyTargetIds.push(target.id)
    ctx.audit(200, `Proxy granted: ${a.tsmName} may act as ${t.tsmName}`, target.buId, target.id, s)
  }
  const revoke = (target: ConsumerRecord, agent: ConsumerRecord, s: Session) => {
    const t = requireNode(target)
    if (!t.proxyAgentIds.includes(agent.id)) throw apiError(404, 'Proxy relation not found.')
    t.proxyAgentIds = t.proxyAgentIds.filter((id) => id !== agent.id)
    if (agent.node) agent.node.proxyTargetIds = agent.node.proxyTargetIds.filter((id) => id !== target.id)
    ctx.audit(200, `Proxy revoked: ${agent.node?.tsmName ?? agent.name} may no longer act as ${t.tsmName}`, target.buId, target.id, s)
  }
  const requiredId = (req: SimRequest, name: string) => {
    const v = queryParam(req, name)
    if (!v) throw apiError(400, `The ${name} query parameter is required.`)
    if (!/^\d+$/.test(v)) throw apiError(400, `The value '${v}' is not valid for ${name}.`)
    return v
  }

  router.post('/v1/bunits/:bu/consumers/:cid/node/proxyagents', (req) => {
    const s = ctx.session(req)
    const { consumer: target } = ctx.consumer(req, s)
    const agent = ctx.consumerInScope(requiredId(req, 'proxyAgentId'), s)
    grant(target, agent, s)
    return nodeBody(req, target)
  })
  router.post('/v1/bunits/:bu/consumers/:cid/node/proxytargets', (req) => {
    const s = ctx.session(req)
    const { consumer: agent } = ctx.consumer(req, s)
    const target = ctx.consumerInScope(requiredId(req, 'proxyTargetId'), s)
    grant(target, agent, s)
    return nodeBody(req, agent)
  })
  router.delete('/v1/bunits/:bu/consumers/:cid/node/proxyagents/:other', (req) => {
    const s = ctx.session(req)
    const { consumer: target } = ctx.consumer(req, s)
    const agent = ctx.consumerInScope(req.params.other ?? '', s)
    revoke(target, agent, s)
    return nodeBody(req, target)
  })
  router.delete('/v1/bunits/:bu/consumers/:cid/node/proxytargets/:other', (req) => {
    const s = ctx.session(req)
    const { consumer: agent } = ctx.consumer(req, s)
    const target = ctx.consumerInScope(req.params.other ?? '', s)
    revoke(target, agent, s)
    return nodeBody(req, agent)
  })

}
