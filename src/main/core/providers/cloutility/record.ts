import { z } from 'zod'
import { originProblem } from '../../../../shared/contract/connections.contract'
import { AppError } from '../../../../shared/errors'
import { recordBase, SecretValue } from '../../connections/record-base'
import type { RecordSpec } from '../provider-module'

export const CloutilityRecord = z
  .object({
    provider: z.literal('cloutility'),
    ...recordBase,
    clientId: z.string().max(200),
    origin: z.string().max(2048),
    username: z.string().max(320),
    password: SecretValue
  })
  .strict()

export type CloutilityConnection = z.infer<typeof CloutilityRecord>

function checkedOrigin(value: string): string {
  const trimmed = value.trim().replace(/\/$/, '')
  const problem = originProblem(trimmed)
  if (problem) throw new AppError('VALIDATION', `Origin: ${problem}.`)
  return trimmed
}

const text = (value: unknown): string => String(value).trim()

export const cloutilityRecord: RecordSpec<CloutilityConnection> = {
  schema: CloutilityRecord,
  secretsOf: (record) => ({ password: record.password }),
  secretFields: () => [{ field: 'password', label: 'password' }],
  summary: (record) => ({
    clientId: record.clientId,
    origin: record.origin,
    username: record.username,
    secrets: { password: record.password.length > 0 }
  }),
  create: (input, common) => ({
    provider: 'cloutility',
    ...common,
    clientId: text(input['clientId']),
    origin: checkedOrigin(String(input['origin'])),
    username: text(input['username']),
    password: String(input['password'])
  }),
  patch(next, input) {
    if (input['clientId'] !== undefined) next['clientId'] = text(input['clientId'])
    if (input['origin'] !== undefined) next['origin'] = checkedOrigin(String(input['origin']))
    if (input['username'] !== undefined) next['username'] = text(input['username'])
    if (input['password'] !== undefined) next['password'] = input['password']
  },
  imported: (record) => ({ ...record, origin: checkedOrigin(record.origin) })
}
