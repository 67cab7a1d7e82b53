// Cloutility wire → domain, one file per resource (as api/); this index is what tests and the
// cross-provider services read the mappers through.

export * from './common'
export * from './business-units'
export * from './server-lists'
export * from './consumption-units'
export * from './nodes'
export * from './jobs-reports'
export * from './node-report'
export * from './audit'
export * from './billing'
