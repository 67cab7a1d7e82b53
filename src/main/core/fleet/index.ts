export { FleetService, inScope, type FleetServiceOptions, type FleetSessions, type ScanOptions } from './fleet.service'
export { createFleetHandlers, type FleetHandlers } from './fleet.handlers'
