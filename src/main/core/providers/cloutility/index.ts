export { createCloutilityClient } from './client'
export type {
  ActivationResult,
  AuditLogQuery,
  CallOptions,
  CloutilityClient,
  CloutilityConfig,
  DateRange,
  InvoiceUpload,
  NodeCredentials,
  ReportQuery
} from './client'
export { testCloutilityConnection } from './probe'
export type { CloutilityProbeResult, ProbeStep, RefreshSupport } from './probe'
export { explainOAuthError } from './errors'
export type { TokenStats } from './auth'
export type { AuthFailureReason } from './errors'
