// Consumption units (Cloutility's "consumers"): one backed-up thing each, in a business unit.

import { AppError } from '../../../../../shared/errors'
import type { ConsumptionUnit, ConsumptionUnitInput } from '../../../../../shared/providers/cloutility/model'
import type { WireConsumer } from '../dto'
import { toConsumptionUnit } from '../map/consumption-units'
import { asPutBody, buPath, cuPath, toDate, type CallOptions, type Door } from './common'

/** The fields a create or update sends (the contract has checked them). */
function consumerBody(input: Partial<ConsumptionUnitInput>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (input.name !== undefined) body.name = input.name
  if (input.note !== undefined) body.note = input.note
  if (input.externalReference !== undefined) body.externalReference = input.externalReference
  if (input.billingStartDate !== undefined) body.billingStartDate = toDate(input.billingStartDate)?.toISOString()
  if (input.allowNoActivity !== undefined) body.allowNoActivity = input.allowNoActivity
  if (input.limitHighStorage !== undefined) body.limitHighStorage = input.limitHighStorage
  return body
}

export function consumptionUnitsApi({ request, units }: Door) {
  async function consumers(buId: number, o: CallOptions = {}): Promise<ConsumptionUnit[]> {
    return request({ ...o, path: `${buPath(buId)}/consumers`, about: units.bu(buId), paging: (w: WireConsumer) => toConsumptionUnit(w, buId) })
  }

  async function consumer(buId: number, cid: number, o: CallOptions = {}): Promise<ConsumptionUnit> {
    const c = toConsumptionUnit(await request<WireConsumer>({ ...o, path: cuPath(buId, cid), about: units.cu(buId, cid) }), buId)
    if (!c) throw new AppError('UPSTREAM', `Cloutility returned an unreadable consumption unit ${cid}.`)
    return c
  }

  async function createConsumer(buId: number, input: ConsumptionUnitInput, o: CallOptions = {}): Promise<ConsumptionUnit> {
    const c = toConsumptionUnit(
      await request<WireConsumer>({ ...o, method: 'POST', path: `${buPath(buId)}/consumers`, json: consumerBody(input), about: units.bu(buId) }),
      buId
    )
    if (!c) throw new AppError('UPSTREAM', 'Cloutility did not return the new consumption unit.')
    return c
  }

  /** PUT replaces the object: read it, apply the change, send it all (asPutBody). */
  async function updateConsumer(buId: number, cid: number, changes: Partial<ConsumptionUnitInput>, o: CallOptions = {}): Promise<ConsumptionUnit> {
    const about = units.cu(buId, cid)
    const current = asPutBody(await request<WireConsumer>({ ...o, path: cuPath(buId, cid), about }), `consumption unit ${cid}`)
    const c = toConsumptionUnit(
      await request<WireConsumer>({ ...o, method: 'PUT', path: cuPath(buId, cid), json: { ...current, id: cid, ...consumerBody(changes) }, about }),
      buId
    )
    if (!c) throw new AppError('UPSTREAM', `Cloutility did not return consumption unit ${cid}.`)
    return c
  }

  async function deleteConsumer(
    buId: number,
    cid: number,
    options: { deleteAssociations?: boolean; deletionComment?: string } = {},
    o: CallOptions = {}
  ): Promise<void> {
    await request({
      ...o,
      method: 'DELETE',
      path: cuPath(buId, cid),
      query: { deleteAssociations: options.deleteAssociations ?? true, deletionComment: options.deletionComment || undefined },
      about: units.cu(buId, cid),
      allowEmpty: true
    })
  }

  return { consumers, consumer, createConsumer, updateConsumer, deleteConsumer }
}
