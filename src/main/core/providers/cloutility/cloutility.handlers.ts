// The Cloutility channels: thin. Each looks up the connection's client and calls it. Changes are
// journaled by the core's journal layer (journal.ts says how each reads). Node passwords captured
// at activation or set by a password change go to the vault through `nodeCredentials` and are
// never part of an answer or an error message.

import type { cloutilityChannels, Deleted } from '../../../../shared/providers/cloutility/contract'
import { AppError, isAppError, type ErrorCode } from '../../../../shared/errors'
import type { BackupNodeInput, BusinessUnitInput, ConsumptionUnitInput, NodeWarningType } from '../../../../shared/providers/cloutility/model'
import type { Handler } from '../../ipc/router'
import type { Logger } from '../../log/logger'
import { isHttpError } from '../../http/errors'
import type { NodeCredentialSink } from '../provider-module'
import type { NodePasswordChange } from '../../vault/node-credentials'
import type { CloutilityClient } from './client'
import { getConsumptionUnit, listConsumptionUnits } from './consumption-units'
import { newestJobsFirst } from './map'
import { defined } from '../wire'

export interface CloutilityHandlerDeps {
  /** The connection's client (the lead wires this to the vault's connection records). */
  clientFor(connectionId: string): Promise<CloutilityClient>
  /** Where activation and password changes put the node password (the vault). */
  nodeCredentials: NodeCredentialSink
  logger: Logger
}

/**
 * Whether a failed call proves Cloutility did not take the change: the request never left this
 * machine, Cloutility answered with a refusal (4xx), or Backdesk stopped it before sending (a
 * locked vault, a refused login). Anything else (a timeout, a reset, a 5xx, a cancelled call) may
 * have landed.
 */
function refusedForCertain(err: unknown): boolean {
  if (isHttpError(err)) return err.notSent || (err.status !== undefined && err.status >= 400 && err.status < 500)
  return isAppError(err) && err.code !== 'INTERNAL' && err.code !== 'CANCELLED' && err.code !== 'TIMEOUT' && err.code !== 'UPSTREAM' && err.code !== 'OFFLINE'
}

const codeOf = (err: unknown): ErrorCode => (isAppError(err) ? err.code : 'INTERNAL')
/** An AppError's message is written for the technician and holds no secret; anything else is not shown. */
const messageOf = (err: unknown): string => (isAppError(err) ? err.message : 'An unexpected error occurred.')

type CloutilityChannel = keyof typeof cloutilityChannels
export type CloutilityHandlers = { [K in CloutilityChannel]: Handler<K> }

export function createCloutilityHandlers(deps: CloutilityHandlerDeps): CloutilityHandlers {
  const logger = deps.logger.child('cloutility')
  const warningTypes = new WeakMap<CloutilityClient, Promise<NodeWarningType[]>>()

  const warningTypesOf = (client: CloutilityClient): Promise<NodeWarningType[]> => {
    let types = warningTypes.get(client)
    if (!types) {
      types = client.nodeWarningTypes()
      types.catch(() => warningTypes.delete(client))
      warningTypes.set(client, types)
    }
    return types
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
    'cloutility.businessUnit.create': async ({ connectionId, parentId, unit }) =>
      (await deps.clientFor(connectionId)).createBusinessUnit(parentId, defined(unit) as BusinessUnitInput),
    'cloutility.businessUnit.update': async ({ connectionId, businessUnitId, unit }) =>
      (await deps.clientFor(connectionId)).updateBusinessUnit(businessUnitId, defined(unit) as Partial<BusinessUnitInput>),
    'cloutility.businessUnit.delete': async ({ connectionId, businessUnitId }) => {
      await (await deps.clientFor(connectionId)).deleteBusinessUnit(businessUnitId)
      return deleted(businessUnitId)
    },

    // --- consumption units -------------------------------------------------------------------------
    'cloutility.consumptionUnit.create': async ({ connectionId, businessUnitId, unit }) =>
      (await deps.clientFor(connectionId)).createConsumer(businessUnitId, defined(unit) as ConsumptionUnitInput),
    'cloutility.consumptionUnit.update': async ({ connectionId, businessUnitId, consumptionUnitId, unit }) =>
      (await deps.clientFor(connectionId)).updateConsumer(businessUnitId, consumptionUnitId, defined(unit) as Partial<ConsumptionUnitInput>),
    'cloutility.consumptionUnit.delete': async ({ connectionId, businessUnitId, consumptionUnitId, deleteAssociations, deletionComment }) => {
      await (await deps.clientFor(connectionId)).deleteConsumer(businessUnitId, consumptionUnitId, defined({ deleteAssociations, deletionComment }))
      return deleted(consumptionUnitId)
    },

    // --- nodes -------------------------------------------------------------------------------------
    'cloutility.node.create': async ({ connectionId, businessUnitId, consumptionUnitId, node }) =>
      (await deps.clientFor(connectionId)).createNode(businessUnitId, consumptionUnitId, defined(node) as BackupNodeInput),
    'cloutility.node.update': async ({ connectionId, businessUnitId, consumptionUnitId, node }) =>
      (await deps.clientFor(connectionId)).updateNode(businessUnitId, consumptionUnitId, defined(node) as Partial<BackupNodeInput>),
    'cloutility.node.delete': async ({ connectionId, businessUnitId, consumptionUnitId, deleteAssociations }) => {
      const client = await deps.clientFor(connectionId)
      if (!(await client.node(businessUnitId, consumptionUnitId))) throw new AppError('NOT_FOUND', `Consumption unit ${consumptionUnitId} has no backup node to delete.`)
      await client.deleteNode(businessUnitId, consumptionUnitId, { deleteAssociations })
      return deleted(consumptionUnitId)
    },
    'cloutility.node.activate': async ({ connectionId, businessUnitId, consumptionUnitId, nodeName }) => {
      const result = await (await deps.clientFor(connectionId)).activateNode(businessUnitId, consumptionUnitId, nodeName)
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
    'cloutility.node.changePassword': async ({ connectionId, businessUnitId, consumptionUnitId, password }) => {
      const client = await deps.clientFor(connectionId)
      const node = await client.node(businessUnitId, consumptionUnitId)
      if (!node) throw new AppError('NOT_FOUND', `Consumption unit ${consumptionUnitId} has no backup node.`)
      if (!node.activated || !node.nodeName) throw new AppError('VALIDATION', 'Activate the node before setting its password.')
      const nodeId = String(node.id)
      // Written ahead: the vault holds the new password (unconfirmed, the old one beside it) before
      // Cloutility sees it, so no failure after Cloutility accepted it can lose it. A vault that
      // cannot take it stops the change here, before anything is sent.
      let change: NodePasswordChange
      try {
        change = await deps.nodeCredentials.beginChange(connectionId, nodeId, node.nodeName, password)
      } catch (err) {
        throw new AppError(codeOf(err), `The password was not changed: the vault could not keep the new password, so it was not sent to Cloutility. ${messageOf(err)}`, { cause: err })
      }
      try {
        await client.setNodePassword(businessUnitId, consumptionUnitId, password)
      } catch (err) {
        if (!refusedForCertain(err)) {
          logger.warn('node password change: no certain answer from Cloutility; both passwords kept in the vault', { err, consumptionUnitId, nodeId })
          throw new AppError(
            codeOf(err),
            `${messageOf(err)} Backdesk cannot tell whether Cloutility changed the password of ${node.nodeName}. The vault keeps the new password as the node's password, marked unconfirmed, and the previous one beside it: reveal either on this node's tab, and keep the one the backup client logs in with.`,
            { cause: err }
          )
        }
        await change.abandon().catch((abandonErr: unknown) => {
          // Still unconfirmed in the vault with the old one beside it: nothing is lost, the tab says so.
          logger.error('node password refused; the vault could not drop the new password', { err: abandonErr, consumptionUnitId, nodeId })
        })
        throw err
      }
      try {
        await change.confirm()
      } catch (err) {
        logger.error('node password changed; the vault could not mark it confirmed', { err, consumptionUnitId, nodeId })
        const why = codeOf(err) === 'LOCKED' ? 'the vault was locked meanwhile, so it could not mark it confirmed. Unlock the vault, then' : `the vault could not mark it confirmed (${messageOf(err)}).`
        throw new AppError(
          'INTERNAL',
          `Cloutility accepted the new password: the password of ${node.nodeName} WAS changed. The vault already holds the new password, but ${why} Reveal on this node's tab shows it, marked unconfirmed: use it in the backup client.`,
          { cause: err, details: { passwordChanged: true } }
        )
      }
      return { changed: true as const }
    },

    // --- proxy relations ---------------------------------------------------------------------------
    'cloutility.proxy.grant': async ({ connectionId, businessUnitId, consumptionUnitId, role, otherId }) => {
      const client = await deps.clientFor(connectionId)
      return role === 'agent'
        ? client.grantProxyAgent(businessUnitId, consumptionUnitId, otherId)
        : client.grantProxyTarget(businessUnitId, consumptionUnitId, otherId)
    },
    'cloutility.proxy.revoke': async ({ connectionId, businessUnitId, consumptionUnitId, role, otherId }) => {
      const client = await deps.clientFor(connectionId)
      return role === 'agent'
        ? client.revokeProxyAgent(businessUnitId, consumptionUnitId, otherId)
        : client.revokeProxyTarget(businessUnitId, consumptionUnitId, otherId)
    },

    // --- billing -----------------------------------------------------------------------------------
    'cloutility.invoiceFiles.upload': async ({ connectionId, businessUnitId, fileName, contentBase64, erpReference, sendToBillingAddress }) =>
      // The contract has checked the size and the %PDF start.
      (await deps.clientFor(connectionId)).uploadInvoicePdf(businessUnitId, Buffer.from(contentBase64, 'base64'), defined({ fileName, erpReference, sendToBillingAddress }))
  }
}
