import { z } from 'zod'
import { plainMessage } from './plain-messages'

// Every schema below (and every form checked with them) speaks in plain words.
z.config({ customError: plainMessage })

/**
 * A channel: the zod schema its input must pass, and (as a phantom type) what it answers.
 * `mutates` marks channels that change state, so the offline layer can refuse them and the fuzz
 * suite knows which ones must leave state untouched on bad input.
 */
export interface ChannelSpec<I extends z.ZodType, O> {
  readonly input: I
  readonly mutates: boolean
  /** Type-only: never set at run time. */
  readonly __output?: O
}

/** `defineChannel<Output>()(inputSchema, { mutates })` — curried so the output type can be named alone. */
export function defineChannel<O>() {
  return <I extends z.ZodType>(input: I, options: { mutates?: boolean } = {}): ChannelSpec<I, O> => ({
    input,
    mutates: options.mutates ?? false
  })
}

/** An event topic main → renderer and the type of its payload. */
export interface TopicSpec<P> {
  readonly __payload?: P
}

export function defineTopic<P>(): TopicSpec<P> {
  return {}
}

/** Channels that take nothing accept `undefined` or `{}` and nothing else. */
export const NoInput = z.object({}).strict().optional()

/** Identifiers we mint ourselves (uuids) or providers' numeric/string ids, bounded. */
export const Id = z.string().min(1).max(200)
