import type { ConnectionSummary } from '../../../../src/shared/model/connection'

/** A Cloutility connection as main summarises it (no secret, only flags). */
export const cedarLabs: ConnectionSummary = {
  id: 'c1',
  provider: 'cloutility',
  name: 'Cedar Labs AS',
  customer: 'Cedar Labs',
  tags: [],
  baseUrl: 'https://portal-api.example.net',
  secretOrigin: 'https://portal-api.example.net',
  clientId: '6f1c2b7a-3c1e-4a4e-9d7e-2f0a1b2c3d4e',
  origin: 'https://service.example.net',
  username: 'tech',
  secrets: { password: true },
  hasCustomCa: false,
  demo: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z'
}

/** A Cloutility connection of the customer Contoso, with no secret stored. */
export const contoso: ConnectionSummary = {
  id: 'c1',
  provider: 'cloutility',
  name: 'Contoso portal',
  customer: 'Contoso',
  tags: [],
  baseUrl: 'https://portal.example',
  secretOrigin: 'https://portal.example',
  secrets: {},
  hasCustomCa: false,
  demo: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z'
}
