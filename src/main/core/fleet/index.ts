export { FleetService, inScope, type FleetServiceOptions, type FleetRowsOf, type ScanOptions } from './fleet.service'
export { createFleetHandlers, type FleetHandlers } from './fleet.handlers'
