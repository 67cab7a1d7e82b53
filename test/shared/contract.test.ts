import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CHANNEL_NAMES, channels, isChannelName, TOPIC_NAMES, topics } from '../../src/shared/contract'

describe('contract', () => {
  it('names every channel domain.verb', () => {
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/)
    for (const name of TOPIC_NAMES) expect(name).toMatch(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/)
  })

  it('lists names that are exactly the keys of the channel and topic tables', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort())
    expect([...TOPIC_NAMES].sort()).toEqual(Object.keys(topics).sort())
  })

  it('gives every channel a zod input schema that rejects unknown keys', () => {
    for (const name of CHANNEL_NAMES) {
      const schema = channels[name].input
      expect(schema).toBeInstanceOf(z.ZodType)
      // Strict objects refuse smuggled fields; channels without input refuse any object key.
      const probe = schema.safeParse({ __backdesk_unknown_key__: 1 })
      expect(probe.success, `${name} accepted an unknown key`).toBe(false)
    }
  })

  it('does not treat inherited properties as channels', () => {
    expect(isChannelName('constructor')).toBe(false)
    expect(isChannelName('__proto__')).toBe(false)
    expect(isChannelName('toString')).toBe(false)
    expect(isChannelName('app.about')).toBe(true)
  })
})
