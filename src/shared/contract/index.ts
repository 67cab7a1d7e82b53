import type { z } from 'zod'
import type { ChannelSpec, TopicSpec } from './define'
import { appChannels, appTopics } from './app.contract'

/**
 * The one IPC contract. Every channel main answers and every topic main emits is listed here;
 * the router, the preload, the web bridge and the renderer's api module are all derived from it.
 * Add a domain by writing `<domain>.contract.ts` and spreading it in below.
 */
export const channels = {
  ...appChannels
} as const

export const topics = {
  ...appTopics
} as const

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type Topics = typeof topics
export type TopicName = keyof Topics

/** What the renderer passes (before zod defaults). */
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>
/** What a handler receives (after zod parsing). */
export type ChannelParsed<K extends ChannelName> = z.output<Channels[K]['input']>
export type ChannelOutput<K extends ChannelName> =
  Channels[K] extends ChannelSpec<z.ZodType, infer O> ? O : never
export type TopicPayload<T extends TopicName> = Topics[T] extends TopicSpec<infer P> ? P : never

export const CHANNEL_NAMES = Object.freeze(Object.keys(channels)) as readonly ChannelName[]
export const TOPIC_NAMES = Object.freeze(Object.keys(topics)) as readonly TopicName[]

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(channels, value)
}

export function isTopicName(value: unknown): value is TopicName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(topics, value)
}
