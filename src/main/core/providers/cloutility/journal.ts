// How Cloutility changes read in the activity journal: the object (named from the answer, or from
// the state read just before the change when it failed or went away), the fields an update changed
// with their values before → after, and the technician (the connection's Cloutility login). Once
// an entry is written the screens are told through `cloutility.changed`.

import type { CloutilityChange } from '../../../../shared/providers/cloutility/contract'
import type { BackupNode, BusinessUnit, ConsumptionUnit, InvoiceFile } from '../../../../shared/providers/cloutility/model'
import type { JournalObject } from '../../../../shared/contract/journal.contract'
import type { EventBus } from '../../events/event-bus'
import type { ChannelJournal, JournalDescriber } from '../../journal/with-journal'
import type { CloutilityClient } from './client'

type Input = Readonly<Record<string, unknown>>
type Named = { id: number; name?: string | undefined }

function shown(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'none'
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v)
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/**
 * "note: none → nightly · cpuCount: 2 → 4" for the fields of `patch` that differ from `before`
 * (an input's `timeZoneId` is compared with the object's `timeZone.id`); the new values alone when
 * the state before is unknown.
 */
export function fieldChanges(before: object | undefined, patch: unknown): string {
  const was = before as Record<string, unknown> | undefined
  const parts: string[] = []
  for (const [field, after] of Object.entries((patch ?? {}) as Record<string, unknown>)) {
    if (after === undefined) continue
    if (!was) {
      parts.push(`${field}: ${shown(after)}`)
      continue
    }
    const old = field in was ? was[field] : field.endsWith('Id') ? (was[field.slice(0, -2)] as { id?: unknown } | undefined)?.id : undefined
    if (old === after) continue
    parts.push(`${field}: ${shown(old)} → ${shown(after)}`)
  }
  return parts.join(' · ') || 'no change'
}

const num = (input: Input, key: string): number => Number(input[key])

function object(type: JournalObject['type'], found: Named | null | undefined, fallbackId: string, fallbackName?: unknown): JournalObject {
  const name = found?.name ?? (typeof fallbackName === 'string' ? fallbackName : undefined)
  return { type, id: found ? String(found.id) : fallbackId, ...(name ? { name } : {}) }
}

const nodeNamed = (node: BackupNode | null | undefined): Named | undefined => (node ? { id: node.id, name: node.nodeName ?? node.name } : undefined)

export function cloutilityJournal(clientFor: (connectionId: string) => Promise<CloutilityClient>, events: EventBus): JournalDescriber {
  const userNames = new WeakMap<CloutilityClient, Promise<string>>()
  const client = (input: Input) => clientFor(String(input['connectionId']))
  const readUnit = async (input: Input) => (await client(input)).businessUnit(num(input, 'businessUnitId'))
  const readConsumer = async (input: Input) => (await client(input)).consumer(num(input, 'businessUnitId'), num(input, 'consumptionUnitId'))
  const readNode = async (input: Input) => (await client(input)).node(num(input, 'businessUnitId'), num(input, 'consumptionUnitId'))
  const proxy = (input: Input, revoked: boolean): ReturnType<ChannelJournal['describe']> => {
    const [cu, other] = [input['consumptionUnitId'], input['otherId']]
    const may = revoked ? 'may no longer act as' : 'may act as'
    return {
      action: revoked ? 'revokeProxy' : 'grantProxy',
      object: { type: 'proxy', id: `${cu}:${String(input['role'])}:${other}` },
      detail: input['role'] === 'agent' ? `${other} ${may} ${cu}` : `${cu} ${may} ${other}`
    }
  }

  const channels: Record<string, ChannelJournal> = {
    'cloutility.businessUnit.create': {
      describe: (input, value) => ({
        action: 'create',
        object: object('businessUnit', value as BusinessUnit | undefined, 'new', (input['unit'] as BusinessUnit).name),
        detail: `parent ${num(input, 'parentId')}`
      })
    },
    'cloutility.businessUnit.update': {
      before: readUnit,
      describe: (input, value, before) => ({
        action: 'update',
        object: object('businessUnit', (value ?? before) as BusinessUnit | undefined, String(input['businessUnitId'])),
        detail: fieldChanges(before as BusinessUnit | undefined, input['unit'])
      })
    },
    'cloutility.businessUnit.delete': {
      before: readUnit,
      describe: (input, _value, before) => ({ action: 'delete', object: object('businessUnit', before as BusinessUnit | undefined, String(input['businessUnitId'])) })
    },
    'cloutility.consumptionUnit.create': {
      describe: (input, value) => ({
        action: 'create',
        object: object('consumptionUnit', value as ConsumptionUnit | undefined, 'new', (input['unit'] as ConsumptionUnit).name),
        detail: `business unit ${num(input, 'businessUnitId')}`
      })
    },
    'cloutility.consumptionUnit.update': {
      before: readConsumer,
      describe: (input, value, before) => ({
        action: 'update',
        object: object('consumptionUnit', (value ?? before) as ConsumptionUnit | undefined, String(input['consumptionUnitId'])),
        detail: fieldChanges(before as ConsumptionUnit | undefined, input['unit'])
      })
    },
    'cloutility.consumptionUnit.delete': {
      before: readConsumer,
      describe: (input, _value, before) => ({
        action: 'delete',
        object: object('consumptionUnit', before as ConsumptionUnit | undefined, String(input['consumptionUnitId'])),
        detail: `deleteAssociations: ${String(input['deleteAssociations'])}${input['deletionComment'] ? `; comment: ${String(input['deletionComment'])}` : ''}`
      })
    },
    'cloutility.node.create': {
      describe: (input, value) => ({
        action: 'create',
        object: object('node', nodeNamed(value as BackupNode | undefined), 'new'),
        detail: `consumption unit ${num(input, 'consumptionUnitId')}`
      })
    },
    'cloutility.node.update': {
      before: readNode,
      describe: (input, value, before) => ({
        action: 'update',
        object: object('node', nodeNamed((value ?? before) as BackupNode | null | undefined), `consumptionUnit:${num(input, 'consumptionUnitId')}`),
        detail: fieldChanges((before ?? undefined) as BackupNode | undefined, input['node'])
      })
    },
    'cloutility.node.delete': {
      before: readNode,
      describe: (input, _value, before) => ({
        action: 'delete',
        object: object('node', nodeNamed(before as BackupNode | null | undefined), `consumptionUnit:${num(input, 'consumptionUnitId')}`),
        detail: `consumption unit ${num(input, 'consumptionUnitId')} deleted with it; deleteAssociations: ${String(input['deleteAssociations'])}`
      })
    },
    'cloutility.node.activate': {
      // Activation is a GET: the request that made it is the activation call, not the last write.
      request: (r) => /\/node\/activate\b/.test(r.path),
      describe: (input, value) => {
        const done = value as { nodeId: string; nodeName: string } | undefined
        return {
          action: 'activate',
          object: done
            ? { type: 'node', id: done.nodeId, name: done.nodeName }
            : { type: 'node', id: `consumptionUnit:${num(input, 'consumptionUnitId')}`, name: String(input['nodeName']).trim().toUpperCase() }
        }
      }
    },
    'cloutility.node.changePassword': {
      before: readNode,
      // Never the password: only which node.
      describe: (input, _value, before) => ({
        action: 'changePassword',
        object: object('node', nodeNamed(before as BackupNode | null | undefined), `consumptionUnit:${num(input, 'consumptionUnitId')}`)
      })
    },
    'cloutility.proxy.grant': { describe: (input) => proxy(input, false) },
    'cloutility.proxy.revoke': { describe: (input) => proxy(input, true) },
    'cloutility.invoiceFiles.upload': {
      describe: (input, value) => {
        const file = value as InvoiceFile | undefined
        // The decoded size, counted from the base64 text the contract has checked.
        const base64 = String(input['contentBase64'] ?? '')
        const bytes = (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0)
        return {
          action: 'upload',
          object: object('invoiceFile', file ? { id: file.id, name: file.fileName } : undefined, 'new', input['fileName']),
          detail: `${bytes} bytes; sendToBillingAddress: ${String(input['sendToBillingAddress'])}${input['erpReference'] ? `; ERP ${String(input['erpReference'])}` : ''}`
        }
      }
    }
  }

  return {
    channels,
    user: async (connectionId) => {
      const c = await clientFor(connectionId)
      let name = userNames.get(c)
      if (!name) {
        name = c.me().then((u) => u.username)
        name.catch(() => userNames.delete(c))
        userNames.set(c, name)
      }
      return name
    },
    settled: (_channel, input, change, ok) => {
      const id = Number(change.object.id)
      const businessUnitId = input['parentId'] ?? input['businessUnitId']
      const consumptionUnitId = input['consumptionUnitId']
      events.emit('cloutility.changed', {
        connectionId: String(input['connectionId']),
        objectType: change.object.type as CloutilityChange['objectType'],
        action: change.action,
        id: Number.isFinite(id) ? id : 0,
        ...(typeof businessUnitId === 'number' ? { businessUnitId } : {}),
        ...(typeof consumptionUnitId === 'number' ? { consumptionUnitId } : {}),
        ok
      })
    }
  }
}
