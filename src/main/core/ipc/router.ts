import type { z } from 'zod'
import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsed
} from '../../../shared/contract'
import { AppError, type ErrorInfo, type Result } from '../../../shared/errors'
import type { Logger } from '../log/logger'
import type { SecretRegistry } from '../log/redact'

export interface CallContext {
  readonly shell: 'electron' | 'web' | 'test'
  readonly requestId: string
  /**
   * Lets this one answer carry `value` although it is a registered secret. Only honoured on
   * channels listed in `revealChannels` (an explicit reveal of a node password).
   */
  allowSecret(value: string): void
}

export type Handler<K extends ChannelName> = (
  input: ChannelParsed<K>,
  ctx: CallContext
) => Promise<ChannelOutput<K>> | ChannelOutput<K>

export type HandlerMap = { [K in ChannelName]: Handler<K> }

export interface Router {
  /** Structured result, for Electron's structured-clone IPC. */
  dispatch(channel: unknown, input: unknown, shell: CallContext['shell']): Promise<Result<unknown>>
  /** The same, already serialised, for the web shell. */
  dispatchJson(channel: unknown, input: unknown, shell: CallContext['shell']): Promise<string>
  readonly channelNames: readonly ChannelName[]
}

const MAX_ISSUES = 10

function validationError(error: z.ZodError): ErrorInfo {
  // Paths and messages only: never echo the offending values, which may be secrets.
  const issues = error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)).join('.'),
    message: issue.message
  }))
  const first = issues[0]
  const where = first && first.path ? ` at "${first.path}"` : ''
  return {
    code: 'VALIDATION',
    message: `Invalid input${where}: ${first?.message ?? 'rejected'}`,
    retryable: false,
    details: { issues }
  }
}

let counter = 0
function nextRequestId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER
  return `ipc-${Date.now().toString(36)}-${counter.toString(36)}`
}

/**
 * channel → zod check → handler → envelope. Nothing thrown inside a handler crosses the boundary
 * as-is: AppErrors keep their code and message, anything else becomes a generic INTERNAL error
 * and is logged (redacted) in main. A last guard refuses any answer that contains a registered
 * secret unless the handler explicitly allowed that value (a node-password reveal).
 */
export function createRouter(options: {
  handlers: HandlerMap
  logger: Logger
  secrets: SecretRegistry
  /** Channels whose answers may carry the one value the handler allowed with `ctx.allowSecret`. */
  revealChannels?: ReadonlySet<ChannelName>
}): Router {
  const { handlers, logger, secrets } = options
  const log = logger.child('ipc')

  const run = async (channel: unknown, input: unknown, shell: CallContext['shell']) => {
    if (!isChannelName(channel)) {
      const error: ErrorInfo = {
        code: 'UNKNOWN_CHANNEL',
        message: 'Unknown channel',
        retryable: false
      }
      return { result: { ok: false, error } as Result<unknown> }
    }
    const spec = channels[channel]
    const parsed = spec.input.safeParse(input)
    if (!parsed.success) {
      return { result: { ok: false, error: validationError(parsed.error) } as Result<unknown>, channel }
    }
    let revealed: string | undefined
    const ctx: CallContext = {
      shell,
      requestId: nextRequestId(),
      allowSecret: (value) => {
        if (options.revealChannels?.has(channel)) revealed = value
      }
    }
    try {
      const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown
      const value = await handler(parsed.data, ctx)
      return { result: { ok: true, value: value ?? null } as Result<unknown>, channel, revealed }
    } catch (err) {
      if (err instanceof AppError) {
        if (err.code === 'INTERNAL') log.error(`${channel} failed`, { requestId: ctx.requestId, err, cause: err.cause })
        return { result: { ok: false, error: err.toInfo() } as Result<unknown>, channel }
      }
      log.error(`${channel} failed unexpectedly`, { requestId: ctx.requestId, err })
      const error: ErrorInfo = {
        code: 'INTERNAL',
        message: `Something went wrong in Backdesk (request ${ctx.requestId}). The details are in the log.`,
        retryable: false
      }
      return { result: { ok: false, error } as Result<unknown>, channel }
    }
  }

  const serialise = (
    result: Result<unknown>,
    channel: ChannelName | undefined,
    revealed: string | undefined
  ): string => {
    let json: string
    try {
      json = JSON.stringify(result)
    } catch {
      log.error(`${String(channel)} produced an answer that cannot be serialised`)
      return JSON.stringify({
        ok: false,
        error: { code: 'INTERNAL', message: 'Backdesk produced an unreadable answer.', retryable: false }
      })
    }
    if (secrets.size > 0) {
      const scrubbed = revealed ? json.split(JSON.stringify(revealed).slice(1, -1)).join('') : json
      if (secrets.containsSecret(scrubbed)) {
        log.error(`${String(channel)} tried to return a secret; answer withheld`)
        return JSON.stringify({
          ok: false,
          error: { code: 'INTERNAL', message: 'Backdesk withheld an answer that contained a secret.', retryable: false }
        })
      }
    }
    return json
  }

  return {
    channelNames: Object.keys(handlers) as ChannelName[],
    async dispatch(channel, input, shell) {
      const { result, channel: name, revealed } = await run(channel, input, shell)
      return JSON.parse(serialise(result, name, revealed)) as Result<unknown>
    },
    async dispatchJson(channel, input, shell) {
      const { result, channel: name, revealed } = await run(channel, input, shell)
      return serialise(result, name, revealed)
    }
  }
}
