import type { SimRequest } from '../http/types'
import type { CloutilityAuth, Session } from './auth'
import type { BusinessUnitRecord, CloutilityData, ConsumerRecord } from './data'
import { apiError } from './errors'

/** Everything a Cloutility route needs: the model, auth, the clock and the audit trail. */
export class CloutilityContext {
  constructor(
    readonly data: CloutilityData,
    readonly auth: CloutilityAuth,
    readonly now: () => number,
    /** Strict mode: PUT replaces the whole object and refuses one without its required fields. */
    readonly strict = false
  ) {}

  session(req: SimRequest): Session {
    return this.auth.authenticate(req)
  }

  /** The business unit of `:bu`, which must lie inside the session's subtree (else 403). */
  bu(req: SimRequest, session: Session, param = 'bu'): BusinessUnitRecord {
    return this.buById(req.params[param] ?? '', session)
  }

  buById(raw: string | number, session: Session): BusinessUnitRecord {
    const id = typeof raw === 'number' ? raw : /^\d+$/.test(raw) ? Number(raw) : NaN
    if (!Number.isInteger(id)) throw apiError(404, 'The requested resource was not found.', `No business unit '${raw}'.`)
    const bu = this.data.businessUnits.get(id)
    if (!bu) throw apiError(404, 'Business unit not found.', `Business unit ${id} does not exist.`)
    if (!this.auth.isInSubtree(bu.id, session.rootBuId)) {
      throw apiError(403, 'Access denied.', `Business unit ${id} is outside the home business unit (${session.rootBuId}) of this API client.`)
    }
    return bu
  }

  /** `:bu` + `:cid`: the consumer must belong to that business unit. */
  consumer(req: SimRequest, session: Session): { bu: BusinessUnitRecord; consumer: ConsumerRecord } {
    const bu = this.bu(req, session)
    const raw = req.params.cid ?? ''
    const c = /^\d+$/.test(raw) ? this.data.consumers.get(Number(raw)) : undefined
    if (!c || c.buId !== bu.id) throw apiError(404, 'Consumption unit not found.', `Consumption unit ${raw} does not exist in business unit ${bu.id}.`)
    return { bu, consumer: c }
  }

  /** A consumer anywhere in the session's subtree (proxy partners), 403 outside, 404 unknown. */
  consumerInScope(raw: string, session: Session): ConsumerRecord {
    const c = /^\d+$/.test(raw) ? this.data.consumers.get(Number(raw)) : undefined
    if (!c) throw apiError(404, 'Consumption unit not found.', `Consumption unit ${raw} does not exist.`)
    if (!this.auth.isInSubtree(c.buId, session.rootBuId)) throw apiError(403, 'Access denied.', `Consumption unit ${raw} is outside the home business unit of this API client.`)
    return c
  }

  /** Business unit ids of `bu` and all its descendants, depth first. */
  subtreeIds(bu: BusinessUnitRecord): number[] {
    const out: number[] = []
    const stack = [bu.id]
    while (stack.length) {
      const id = stack.pop() as number
      out.push(id)
      const b = this.data.businessUnits.get(id)
      if (b) for (let i = b.childIds.length - 1; i >= 0; i--) stack.push(b.childIds[i] as number)
    }
    return out
  }

  audit(typeCode: number, message: string, buId: number, consumerId: number | null, session: Session | null): void {
    this.data.audit.push({ id: this.data.nextIds.audit++, typeCode, message, buId, consumerId, userName: session?.user.username ?? 'system', createdMs: this.now() })
  }
}
