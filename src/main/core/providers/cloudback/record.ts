import { z } from 'zod'
import { recordBase, SecretValue } from '../../connections/record-base'
import type { RecordSpec } from '../provider-module'

export const CloudbackRecord = z
  .object({
    provider: z.literal('cloudback'),
    ...recordBase,
    apiKey: SecretValue
  })
  .strict()

export type CloudbackConnection = z.infer<typeof CloudbackRecord>

export const cloudbackRecord: RecordSpec<CloudbackConnection> = {
  schema: CloudbackRecord,
  secretsOf: (record) => ({ apiKey: record.apiKey }),
  secretFields: () => [{ field: 'apiKey', label: 'API key' }],
  summary: (record) => ({ secrets: { apiKey: record.apiKey.length > 0 } }),
  create: (input, common) => ({ provider: 'cloudback', ...common, apiKey: String(input['apiKey']) }),
  patch(next, input) {
    if (input['apiKey'] !== undefined) next['apiKey'] = input['apiKey']
  }
}
