// The Cloutility channels: thin. Each looks up the connection's client, calls it, and for a
// change goes through the change recorder (activity journal + event). Node passwords captured at
// activation or set by a password change go to the vault through `nodeCredentials` and are never
// part of an answer.

import type { cloutilityChannels, Deleted } from '../../../../shared/providers/cloutility/contract'
import { AppError } from '../../../../shared/errors'
import type { BackupNodeInput, BusinessUnitInput, ConsumptionUnitInput, NodeWarningType } from '../../../../shared/providers/cloutility/model'
import type { EventBus } from '../../events/event-bus'
import type { Handler } from '../../ipc/router'
import type { ActivityJournal } from '../../journal/activity-journal'
import type { Logger } from '../../log/logger'
import type { ActivationResult as ClientActivation, CloutilityClient } from './client'
import { createChangeRecorder, type ChangeSpec } from './change-recorder'
import { getConsumptionUnit, listConsumptionUnits } from './consumption-units'
import { newestJobsFirst } from './map'
import type { RequestTracker } from '../../journal/request-tracker'
import { defined } from '../wire'

export interface NodeCredentialSink {
  save(connectionId: string, nodeId: string, nodeName: string, password: string): Promise<void>
}

export interface CloutilityHandlerDeps {
  /** The connection's client (the lead wires this to the vault's connection records). */
  clientFor(connectionId: string): Promise<CloutilityClient>
  /** Where activation and password changes put the node password (the vault). */
  nodeCredentials: NodeCredentialSink
  journal: ActivityJournal
  events: EventBus
  logger: Logger
  /**
   * Optional: when the clients are created with `onResponse: requestTracker.onResponse`, journal
   * entries carry the provider request id of a successful change (failures carry it anyway).
   */
  requestTracker?: RequestTracker
}

type CloutilityChannel = keyof typeof cloutilityChannels
export type CloutilityHandlers = { [K in CloutilityChannel]: Handler<K> }

export function createCloutilityHandlers(deps: CloutilityHandlerDeps): CloutilityHandlers {
  const logger = deps.logger.child('cloutility')
  const recorder = createChangeRecorder({ journal: deps.journal, events: deps.events, logger, tracker: deps.requestTracker })
  const userNames = new WeakMap<CloutilityClient, Promise<string>>()
  const warningTypes = new WeakMap<CloutilityClient, Promise<NodeWarningType[]>>()

  const userOf = (client: CloutilityClient) => (): Promise<string> => {
    let name = userNames.get(client)
    if (!name) {
      name = client.me().then((u) => u.username)
      name.catch(() => userNames.delete(client))
      userNames.set(client, name)
    }
    return name
  }

  const warningTypesOf = (client: CloutilityClient): Promise<NodeWarningType[]> => {
    let types = warningTypes.get(client)
    if (!types) {
      types = client.nodeWarningTypes()
      types.catch(() => warningTypes.delete(client))
      warningTypes.set(client, types)
    }
    return types
  }

  /** Runs a change at the provider with its journal entry. */
  const change = async <T>(
    connectionId: string,
    requestId: string,
    spec: Omit<ChangeSpec<T>, 'connectionId' | 'user' | 'fallbackRequestId'>,
    work: (client: CloutilityClient) => Promise<T>
  ): Promise<T> => {
    const client = await deps.clientFor(connectionId)
    return recorder.run({ ...spec, connectionId, user: userOf(client), fallbackRequestId: requestId }, () => work(client))
  }

  const deleted = (id: number): Deleted => ({ deleted: true, id })

  return {
    // --- browse ------------------------------------------------------------------------------------
    'cloutility.tree': async ({ connectionId, rootId }) => {
      const client = await deps.clientFor(connectionId)
      const user = await client.me()
      const root = await client.businessUnitTree(rootId ?? user.businessUnit.id)
      return { user, root }
    },
    'cloutility.searchBusinessUnits': async ({ connectionId, term, withinId }) => {
      // The client searches the tree itself on servers without the search endpoint.
      return (await deps.clientFor(connectionId)).searchBusinessUnits(term, withinId)
    },
    'cloutility.timeZones': async ({ connectionId }) => (await deps.clientFor(connectionId)).timeZones(),
    'cloutility.businessUnit.get': async ({ connectionId, businessUnitId }) => (await deps.clientFor(connectionId)).businessUnit(businessUnitId),
    'cloutility.consumptionUnits.list': async ({ connectionId, businessUnitId }) =>
      listConsumptionUnits(await deps.clientFor(connectionId), businessUnitId, logger),
    'cloutility.consumptionUnit.get': async ({ connectionId, businessUnitId, consumptionUnitId }) =>
      getConsumptionUnit(await deps.clientFor(connectionId), businessUnitId, consumptionUnitId, logger),
    'cloutility.node.get': async ({ connectionId, businessUnitId, consumptionUnitId }) =>
      (await deps.clientFor(connectionId)).node(businessUnitId, consumptionUnitId),
    'cloutility.node.options': async ({ connectionId, businessUnitId }) => {
      const client = await deps.clientFor(connectionId)
      const [domains, clientOptionSets, operatingSystems, nodeTypes, server] = await Promise.all([
        client.domains(businessUnitId),
        client.clientOptionSets(businessUnitId),
        client.operatingSystems(),
        client.nodeTypes(),
        client.defaultServer(businessUnitId).catch(() => undefined)
      ])
      return { domains, clientOptionSets, operatingSystems, nodeTypes, ...(server ? { server } : {}) }
    },
    'cloutility.node.proposeName': async ({ connectionId, businessUnitId, consumptionUnitId }) => ({
      name: await (await deps.clientFor(connectionId)).proposeNodeName(businessUnitId, consumptionUnitId)
    }),
    'cloutility.filespaces': async ({ connectionId, businessUnitId, consumptionUnitId, sync }) =>
      (await deps.clientFor(connectionId)).filespaces(businessUnitId, consumptionUnitId, { tsmSync: sync }),
    'cloutility.jobs': async ({ connectionId, businessUnitId, consumptionUnitId, start, end }) =>
      newestJobsFirst(await (await deps.clientFor(connectionId)).jobs(businessUnitId, consumptionUnitId, defined({ start, end }))),
    'cloutility.reports': async ({ connectionId, businessUnitId, consumptionUnitId, start, end, warnings }) => {
      const client = await deps.clientFor(connectionId)
      const [reports, types] = await Promise.all([
        client.reports(businessUnitId, consumptionUnitId, defined({ start, end, status: true, warnings })),
        warnings ? warningTypesOf(client) : Promise.resolve([] as NodeWarningType[])
      ])
      // Oldest first: the chart reads left to right.
      const sorted = [...reports].sort((a, b) => (a.reportDate ?? '').localeCompare(b.reportDate ?? ''))
      return { reports: sorted, warningTypes: types }
    },
    'cloutility.nodeWarningTypes': async ({ connectionId }) => warningTypesOf(await deps.clientFor(connectionId)),
    'cloutility.auditLogs': async ({ connectionId, businessUnitId, consumptionUnitId, types, start, end, includeDescendants, orderDesc, limit, offset }) => {
      const client = await deps.clientFor(connectionId)
      const query = defined({ types, start, end, includeDescendants, orderDesc, limit, offset })
      return consumptionUnitId === undefined
        ? client.businessUnitAuditLogs(businessUnitId, query)
        : client.consumerAuditLogs(businessUnitId, consumptionUnitId, query)
    },
    'cloutility.proxy.list': async ({ connectionId, businessUnitId, consumptionUnitId }) =>
      (await deps.clientFor(connectionId)).proxyRelations(businessUnitId, consumptionUnitId),
    'cloutility.proxy.possible': async ({ connectionId, businessUnitId, consumptionUnitId }) =>
      (await deps.clientFor(connectionId)).possibleProxyNodes(businessUnitId, consumptionUnitId),
    'cloutility.contract': async ({ connectionId, businessUnitId }) => (await deps.clientFor(connectionId)).contract(businessUnitId),
    'cloutility.invoices': async ({ connectionId, businessUnitId }) => (await deps.clientFor(connectionId)).invoices(businessUnitId),
    'cloutility.invoice': async ({ connectionId, businessUnitId, date }) => (await deps.clientFor(connectionId)).invoiceByDate(businessUnitId, date),
    'cloutility.invoiceFiles.list': async ({ connectionId, businessUnitId }) => (await deps.clientFor(connectionId)).invoiceFiles(businessUnitId),
    'cloutility.billing': async ({ connectionId, businessUnitId, includeNext }) =>
      (await deps.clientFor(connectionId)).billing(businessUnitId, { includeNext }),
    'cloutility.billing.byDate': async ({ connectionId, businessUnitId, date }) =>
      (await deps.clientFor(connectionId)).billingByDate(businessUnitId, date),

    // --- business units ----------------------------------------------------------------------------
    'cloutility.businessUnit.create': ({ connectionId, parentId, unit }, ctx) =>
      change(
        connectionId,
        ctx.requestId,
        {
          action: 'create',
          objectType: 'businessUnit',
          businessUnitId: parentId,
          detail: `parent ${parentId}`,
          target: { type: 'businessUnit', id: 'new', name: unit.name },
          object: (bu) => ({ type: 'businessUnit', id: String(bu.id), name: bu.name })
        },
        (client) => client.createBusinessUnit(parentId, defined(unit) as BusinessUnitInput)
      ),
    'cloutility.businessUnit.update': ({ connectionId, businessUnitId, unit }, ctx) =>
      change(
        connectionId,
        ctx.requestId,
        {
          action: 'update',
          objectType: 'businessUnit',
          businessUnitId,
          detail: `fields: ${Object.keys(defined(unit)).join(', ') || 'none'}`,
          target: { type: 'businessUnit', id: String(businessUnitId) },
          object: (bu) => ({ type: 'businessUnit', id: String(bu.id), name: bu.name })
        },
        (client) => client.updateBusinessUnit(businessUnitId, defined(unit) as Partial<BusinessUnitInput>)
      ),
    'cloutility.businessUnit.delete': async ({ connectionId, businessUnitId }, ctx) => {
      const client = await deps.clientFor(connectionId)
      const unit = await client.businessUnit(businessUnitId)
      await change(
        connectionId,
        ctx.requestId,
        { action: 'delete', objectType: 'businessUnit', businessUnitId, object: { type: 'businessUnit', id: String(unit.id), name: unit.name } },
        (c) => c.deleteBusinessUnit(businessUnitId)
      )
      return deleted(businessUnitId)
    },

    // --- consumption units -------------------------------------------------------------------------
    'cloutility.consumptionUnit.create': ({ connectionId, businessUnitId, unit }, ctx) =>
      change(
        connectionId,
        ctx.requestId,
        {
          action: 'create',
          objectType: 'consumptionUnit',
          businessUnitId,
          detail: `business unit ${businessUnitId}`,
          target: { type: 'consumptionUnit', id: 'new', name: unit.name },
          object: (cu) => ({ type: 'consumptionUnit', id: String(cu.id), name: cu.name })
        },
        (client) => client.createConsumer(businessUnitId, defined(unit) as ConsumptionUnitInput)
      ),
    'cloutility.consumptionUnit.update': ({ connectionId, businessUnitId, consumptionUnitId, unit }, ctx) =>
      change(
        connectionId,
        ctx.requestId,
        {
          action: 'update',
          objectType: 'consumptionUnit',
          businessUnitId,
          consumptionUnitId,
          detail: `fields: ${Object.keys(defined(unit)).join(', ') || 'none'}`,
          target: { type: 'consumptionUnit', id: String(consumptionUnitId) },
          object: (cu) => ({ type: 'consumptionUnit', id: String(cu.id), name: cu.name })
        },
        (client) => client.updateConsumer(businessUnitId, consumptionUnitId, defined(unit) as Partial<ConsumptionUnitInput>)
      ),
    'cloutility.consumptionUnit.delete': async ({ connectionId, businessUnitId, consumptionUnitId, deleteAssociations, deletionComment }, ctx) => {
      const client = await deps.clientFor(connectionId)
      const unit = await client.consumer(businessUnitId, consumptionUnitId)
      await change(
        connectionId,
        ctx.requestId,
        {
          action: 'delete',
          objectType: 'consumptionUnit',
          businessUnitId,
          consumptionUnitId,
          detail: `deleteAssociations: ${deleteAssociations}${deletionComment ? `; comment: ${deletionComment}` : ''}`,
          object: { type: 'consumptionUnit', id: String(unit.id), name: unit.name }
        },
        (c) => c.deleteConsumer(businessUnitId, consumptionUnitId, defined({ deleteAssociations, deletionComment }))
      )
      return deleted(consumptionUnitId)
    },

    // --- nodes -------------------------------------------------------------------------------------
    'cloutility.node.create': ({ connectionId, businessUnitId, consumptionUnitId, node }, ctx) =>
      change(
        connectionId,
        ctx.requestId,
        {
          action: 'create',
          objectType: 'node',
          businessUnitId,
          consumptionUnitId,
          detail: `consumption unit ${consumptionUnitId}`,
          target: { type: 'node', id: 'new' },
          object: (n) => ({ type: 'node', id: String(n.id), name: n.name })
        },
        (client) => client.createNode(businessUnitId, consumptionUnitId, defined(node) as BackupNodeInput)
      ),
    'cloutility.node.update': ({ connectionId, businessUnitId, consumptionUnitId, node }, ctx) =>
      change(
        connectionId,
        ctx.requestId,
        {
          action: 'update',
          objectType: 'node',
          businessUnitId,
          consumptionUnitId,
          detail: `fields: ${Object.keys(defined(node)).join(', ') || 'none'}`,
          target: { type: 'node', id: `consumptionUnit:${consumptionUnitId}` },
          object: (n) => ({ type: 'node', id: String(n.id), name: n.nodeName ?? n.name })
        },
        (client) => client.updateNode(businessUnitId, consumptionUnitId, defined(node) as Partial<BackupNodeInput>)
      ),
    'cloutility.node.delete': async ({ connectionId, businessUnitId, consumptionUnitId, deleteAssociations }, ctx) => {
      const client = await deps.clientFor(connectionId)
      const node = await client.node(businessUnitId, consumptionUnitId)
      if (!node) throw new AppError('NOT_FOUND', `Consumption unit ${consumptionUnitId} has no backup node to delete.`)
      await change(
        connectionId,
        ctx.requestId,
        {
          action: 'delete',
          objectType: 'node',
          businessUnitId,
          consumptionUnitId,
          detail: `consumption unit ${consumptionUnitId} deleted with it; deleteAssociations: ${deleteAssociations}`,
          object: { type: 'node', id: String(node.id), name: node.nodeName ?? node.name }
        },
        (c) => c.deleteNode(businessUnitId, consumptionUnitId, { deleteAssociations })
      )
      return deleted(consumptionUnitId)
    },
    'cloutility.node.activate': async ({ connectionId, businessUnitId, consumptionUnitId, nodeName }, ctx) => {
      const result = await change<ClientActivation>(
        connectionId,
        ctx.requestId,
        {
          action: 'activate',
          objectType: 'node',
          businessUnitId,
          consumptionUnitId,
          pick: (r) => /\/node\/activate\b/.test(r.path),
          target: { type: 'node', id: `consumptionUnit:${consumptionUnitId}`, name: nodeName.trim().toUpperCase() },
          object: (r) => ({ type: 'node', id: String(r.node.id), name: r.nodeName })
        },
        (client) => client.activateNode(businessUnitId, consumptionUnitId, nodeName)
      )
      const nodeId = String(result.node.id)
      let passwordStored = false
      if (result.credentials) {
        try {
          await deps.nodeCredentials.save(connectionId, nodeId, result.credentials.nodeName, result.credentials.password)
          passwordStored = true
        } catch (err) {
          logger.error('node activated but its password could not be stored in the vault', { err, consumptionUnitId, nodeId })
        }
      } else {
        logger.warn('node activated but Cloutility returned no password for it', { consumptionUnitId, nodeId })
      }
      return { nodeName: result.credentials?.nodeName ?? result.nodeName, nodeId, passwordStored, node: result.node }
    },
    'cloutility.node.changePassword': async ({ connectionId, businessUnitId, consumptionUnitId, password }, ctx) => {
      const client = await deps.clientFor(connectionId)
      const node = await client.node(businessUnitId, consumptionUnitId)
      if (!node) throw new AppError('NOT_FOUND', `Consumption unit ${consumptionUnitId} has no backup node.`)
      if (!node.activated || !node.nodeName) throw new AppError('VALIDATION', 'Activate the node before setting its password.')
      const nodeName = node.nodeName
      await change(
        connectionId,
        ctx.requestId,
        { action: 'changePassword', objectType: 'node', businessUnitId, consumptionUnitId, object: { type: 'node', id: String(node.id), name: nodeName } },
        (c) => c.setNodePassword(businessUnitId, consumptionUnitId, password)
      )
      let passwordStored = false
      try {
        await deps.nodeCredentials.save(connectionId, String(node.id), nodeName, password)
        passwordStored = true
      } catch (err) {
        logger.error('node password changed but could not be stored in the vault', { err, consumptionUnitId })
      }
      return { changed: true as const, passwordStored }
    },

    // --- proxy relations ---------------------------------------------------------------------------
    'cloutility.proxy.grant': ({ connectionId, businessUnitId, consumptionUnitId, role, otherId }, ctx) =>
      change(
        connectionId,
        ctx.requestId,
        {
          action: 'grantProxy',
          objectType: 'proxy',
          businessUnitId,
          consumptionUnitId,
          detail: role === 'agent' ? `${otherId} may act as ${consumptionUnitId}` : `${consumptionUnitId} may act as ${otherId}`,
          object: { type: 'proxy', id: `${consumptionUnitId}:${role}:${otherId}` }
        },
        (client) =>
          role === 'agent'
            ? client.grantProxyAgent(businessUnitId, consumptionUnitId, otherId)
            : client.grantProxyTarget(businessUnitId, consumptionUnitId, otherId)
      ),
    'cloutility.proxy.revoke': ({ connectionId, businessUnitId, consumptionUnitId, role, otherId }, ctx) =>
      change(
        connectionId,
        ctx.requestId,
        {
          action: 'revokeProxy',
          objectType: 'proxy',
          businessUnitId,
          consumptionUnitId,
          detail: role === 'agent' ? `${otherId} may no longer act as ${consumptionUnitId}` : `${consumptionUnitId} may no longer act as ${otherId}`,
          object: { type: 'proxy', id: `${consumptionUnitId}:${role}:${otherId}` }
        },
        (client) =>
          role === 'agent'
            ? client.revokeProxyAgent(businessUnitId, consumptionUnitId, otherId)
            : client.revokeProxyTarget(businessUnitId, consumptionUnitId, otherId)
      ),

    // --- billing -----------------------------------------------------------------------------------
    'cloutility.invoiceFiles.upload': ({ connectionId, businessUnitId, fileName, contentBase64, erpReference, sendToBillingAddress }, ctx) => {
      // The contract has checked the size and the %PDF start.
      const bytes = Buffer.from(contentBase64, 'base64')
      return change(
        connectionId,
        ctx.requestId,
        {
          action: 'upload',
          objectType: 'invoiceFile',
          businessUnitId,
          detail: `${bytes.length} bytes; sendToBillingAddress: ${sendToBillingAddress}${erpReference ? `; ERP ${erpReference}` : ''}`,
          target: { type: 'invoiceFile', id: 'new', name: fileName },
          object: (f) => ({ type: 'invoiceFile', id: String(f.id), name: f.fileName ?? fileName })
        },
        (client) => client.uploadInvoicePdf(businessUnitId, bytes, defined({ fileName, erpReference, sendToBillingAddress }))
      )
    }
  }
}
