import { z } from 'zod'
import { AppError } from '../../../../shared/errors'
import { recordBase, SecretValue } from '../../connections/record-base'
import type { RecordSpec } from '../provider-module'

export const CloudAllyRecord = z
  .object({
    provider: z.literal('cloudally'),
    ...recordBase,
    mode: z.enum(['partner', 'user']),
    clientId: z.string().max(200).optional(),
    clientSecret: SecretValue.optional(),
    email: z.string().max(320),
    password: SecretValue
  })
  .strict()

export type CloudAllyConnection = z.infer<typeof CloudAllyRecord>

/**
 * Every CloudAlly login needs the client id + secret: the partner login, and the portal-user login
 * too (real clients send them to /auth as well). Imported portal-user records from before may
 * lack them (`requireClient: false`): they load, and the login asks for them.
 */
function withClient<T extends Record<string, unknown>>(record: T, { requireClient = true }: { requireClient?: boolean } = {}): T {
  const out: Record<string, unknown> = { ...record }
  if ((requireClient || out['mode'] === 'partner') && (!out['clientId'] || !out['clientSecret'])) {
    const who = out['mode'] === 'partner' ? 'partner' : 'portal user'
    throw new AppError('VALIDATION', `A CloudAlly ${who} login needs the client id and the client secret (partner portal → Integrations).`)
  }
  if (out['clientId'] === undefined) delete out['clientId']
  if (out['clientSecret'] === undefined) delete out['clientSecret']
  return out as T
}

export const cloudAllyRecord: RecordSpec<CloudAllyConnection> = {
  schema: CloudAllyRecord,
  secretsOf: (record): Record<string, string> =>
    record.clientSecret === undefined ? { password: record.password } : { password: record.password, clientSecret: record.clientSecret },
  // Portal users carry a client secret too, except records saved before the real login needed one.
  secretFields: (record) =>
    record.mode === 'partner' || record.clientSecret !== undefined
      ? [
          { field: 'clientSecret', label: 'client secret' },
          { field: 'password', label: 'password' }
        ]
      : [{ field: 'password', label: 'password' }],
  summary: (record) => ({
    mode: record.mode,
    email: record.email,
    ...(record.clientId !== undefined ? { clientId: record.clientId } : {}),
    // Both login kinds use a client secret (a portal-user record from before may lack one).
    secrets: { password: record.password.length > 0, clientSecret: (record.clientSecret ?? '').length > 0 }
  }),
  create: (input, common) =>
    withClient({
      provider: 'cloudally' as const,
      ...common,
      mode: input['mode'] as CloudAllyConnection['mode'],
      clientId: typeof input['clientId'] === 'string' ? input['clientId'].trim() : undefined,
      clientSecret: input['clientSecret'] as string | undefined,
      email: String(input['email']).trim(),
      password: String(input['password'])
    }) as CloudAllyConnection,
  patch(next, input) {
    if (input['mode'] !== undefined) next['mode'] = input['mode']
    if (input['clientId'] !== undefined) next['clientId'] = String(input['clientId']).trim()
    if (input['clientSecret'] !== undefined) next['clientSecret'] = input['clientSecret']
    if (input['email'] !== undefined) next['email'] = String(input['email']).trim()
    if (input['password'] !== undefined) next['password'] = input['password']
    Object.assign(next, withClient(next))
  },
  imported: (record) => withClient(record, { requireClient: false })
}
