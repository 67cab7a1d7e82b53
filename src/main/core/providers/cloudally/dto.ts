// CloudAlly wire types. Tolerant on purpose: the real API's shapes are only known from client
// code and samples (provider-apis.md §4), so every field is optional and unknown fields are kept.
// map.ts reads each field through a guard; nothing here is trusted.

import type { WireObject } from '../wire'

export type { WireObject }

/** Token answer (real clients: camelCase; snake_case tolerated). */
export interface WireToken extends WireObject {
  accessToken?: string
  access_token?: string
  tokenType?: string
  refreshToken?: string
  refresh_token?: string
  expiresIn?: number | string
  expires_in?: number | string
}

/** The v1 paging envelope: { data, page, totalPages, total, nextPageToken }. */
export interface WirePage<T = WireObject> extends WireObject {
  data?: T[]
  page?: number | string
  totalPages?: number | string
  total?: number | string
  nextPageToken?: string | number | null
}

export interface WireRestoreJob extends WireObject {
  jobId?: string | number
  id?: string | number
  restoreId?: string | number
  taskId?: string | number
  type?: string
  status?: string
  state?: string
  progress?: number | string
  snapshotDate?: string
  createdAt?: string
  updatedAt?: string
  completedAt?: string | null
  error?: string | null
  message?: string | null
  downloadUrl?: string | null
  downloadLink?: string | null
  link?: string | null
  downloadExpiresAt?: string | null
}

/** What Backdesk sends to POST /v1/restore (the seed's body is untyped; this is our reading). */
export interface WireRestoreRequest {
  taskId: string
  type: 'RESTORE' | 'DOWNLOAD'
  snapshotDate?: string
  entities?: string[]
  items?: string[]
}
