export { FleetService, type ScanOptions } from './fleet.service'
export { createFleetHandlers } from './fleet.handlers'
