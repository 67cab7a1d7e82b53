import type { HandlerMap } from '../ipc/router'
import type { FleetService } from './fleet.service'

export type FleetHandlers = Pick<HandlerMap, 'fleet.scan.start' | 'fleet.scan.cancel' | 'fleet.scan.status' | 'fleet.scan.rows' | 'fleet.review.set' | 'fleet.review.list'>

export function createFleetHandlers(deps: { service: FleetService }): FleetHandlers {
  const { service } = deps
  return {
    'fleet.scan.start': (input) => {
      const scope = input?.scope ?? {}
      return service.start({
        ...(scope.customer !== undefined ? { customer: scope.customer } : {}),
        ...(scope.connectionIds ? { connectionIds: scope.connectionIds } : {})
      })
    },
    'fleet.scan.cancel': (input) => ({ cancelled: service.cancel(input?.scanId) }),
    'fleet.scan.status': () => service.status(),
    'fleet.scan.rows': (input) => service.rowsSince(input.scanId, input.from),
    'fleet.review.set': (input) =>
      service.setReview({
        key: input.key,
        state: input.state,
        ...(input.snoozedUntil ? { snoozedUntil: input.snoozedUntil } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.ticket !== undefined ? { ticket: input.ticket } : {})
      }),
    'fleet.review.list': () => service.listReviews()
  }
}
