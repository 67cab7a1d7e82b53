export { FleetService, inScope, type FleetServiceOptions, type FleetSessions } from './fleet.service'
export { createFleetHandlers, type FleetHandlers } from './fleet.handlers'
