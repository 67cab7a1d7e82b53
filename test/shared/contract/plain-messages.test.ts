import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { channels } from '../../../src/shared/contract'

// The contract's schemas speak in plain words (z.config in define.ts); a schema's own message wins.
const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value)
  expect(result.success).toBe(false)
  return result.error?.issues.map((i) => i.message) ?? []
}

describe('validation messages in plain words', () => {
  it('says what to do for sizes, types, formats and choices', () => {
    expect(messageOf(z.string().min(1), '')).toEqual(['Enter a value.'])
    expect(messageOf(z.string().min(8), 'short')).toEqual(['Use at least 8 characters.'])
    expect(messageOf(z.string().max(3), 'long')).toEqual(['Use at most 3 characters.'])
    expect(messageOf(z.number().int().min(0).max(1440), 2000)).toEqual(['Enter 1440 or less.'])
    expect(messageOf(z.object({ name: z.string() }), {})).toEqual(['This is required.'])
    expect(messageOf(z.number(), 'ten')).toEqual(['Enter a number.'])
    expect(messageOf(z.string().url(), 'not a url')).toEqual(['Enter a full web address, like https://example.com.'])
    expect(messageOf(z.enum(['off', 'interval', 'cron']), 'weekly')).toEqual(['Choose one of: off, interval, cron.'])
    expect(messageOf(z.object({}).strict(), { extra: 1 })).toEqual(['Not a field here: extra.'])
    expect(messageOf(z.array(z.string()).min(1), [])).toEqual(['Choose at least one.'])
  })

  it('keeps a schema’s own message', () => {
    expect(messageOf(z.string().min(1, 'Give the connection a name.'), '')).toEqual(['Give the connection a name.'])
  })

  it('never answers zod’s defaults for a real channel', () => {
    expect(messageOf(channels['vault.settings.set'].input, { autoLockMinutes: -5 })).toEqual(['Enter 0 or more.'])
    const create = channels['connections.create'].input.safeParse({ provider: 'cloudback', name: '', baseUrl: 'x', apiKey: '' })
    expect(create.success).toBe(false)
    for (const issue of create.error?.issues ?? []) expect(issue.message, issue.path.join('.')).not.toMatch(/Too small|Invalid input|expected/i)
  })
})
