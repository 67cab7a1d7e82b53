import type { z } from 'zod'
import {
  channels,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsed
} from '../../../shared/contract'
import { AppError, type ErrorInfo, type Result } from '../../../shared/errors'
import type { Logger } from '../log/logger'
import { fieldName } from './field-names'
import type { SecretRegistry } from '../log/redact'

export interface CallContext {
  readonly shell: 'electron' | 'web' | 'test'
  readonly requestId: string
  /**
   * Which page called, where the shell can tell pages apart: in Electron its window's web contents
   * id, so state kept per window (its unsaved edits) is that window's. Absent in the web shell.
   */
  readonly caller?: string
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

/** Channel name → its input schema and `mutates`: the static contract's, or one assembled at run time. */
export type ChannelTable = Readonly<Record<string, { readonly input: z.ZodType; readonly mutates: boolean }>>

export interface Router {
  /** Structured result (the parsed answer text), for callers inside main and tests. */
  dispatch(channel: unknown, input: unknown, shell: CallContext['shell'], caller?: string): Promise<Result<unknown>>
  /** The same, as the JSON text the leak guard checked: what both shells send to the page. */
  dispatchJson(channel: unknown, input: unknown, shell: CallContext['shell'], caller?: string): Promise<string>
  readonly channelNames: readonly ChannelName[]
}

const MAX_ISSUES = 10

function validationError(schema: z.ZodType, error: z.ZodError): ErrorInfo {
  // Paths and messages only: never echo the offending values, which may be secrets.
  const issues = error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)).join('.'),
    message: issue.message
  }))
  // The summary a banner shows: the first problem, its field named as the form labels it.
  const firstIssue = error.issues[0]
  const name = firstIssue ? fieldName(schema, firstIssue.path.filter((part): part is string | number => typeof part !== 'symbol')) : undefined
  const message = !firstIssue ? 'This was refused.' : name ? `${name}: ${firstIssue.message}` : firstIssue.message
  return {
    code: 'VALIDATION',
    message,
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
  /**
   * The channel table: the static contract, plus the channels and connection inputs of provider
   * modules added at run time (see channelTable in app/core.ts). Default: the static contract.
   */
  channels?: ChannelTable
  logger: Logger
  secrets: SecretRegistry
  /** Channels whose answers may carry the one value the handler allowed with `ctx.allowSecret`. */
  revealChannels?: ReadonlySet<ChannelName>
}): Router {
  const { handlers, logger, secrets } = options
  const table: ChannelTable = options.channels ?? channels
  const log = logger.child('ipc')
  // Every channel of an assembled table answers: provider modules' handler sets are checked here,
  // when the core is built (the static HandlerMap type cannot see them).
  const missing = options.channels ? Object.keys(table).filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function') : []
  if (missing.length) throw new Error(`No handler for ${missing.join(', ')}`)

  const run = async (channel: unknown, input: unknown, shell: CallContext['shell'], caller: string | undefined) => {
    if (typeof channel !== 'string' || !Object.prototype.hasOwnProperty.call(table, channel)) {
      const error: ErrorInfo = {
        code: 'UNKNOWN_CHANNEL',
        message: 'Unknown channel',
        retryable: false
      }
      return { result: { ok: false, error } as Result<unknown> }
    }
    const name = channel as ChannelName
    const spec = table[name] as ChannelTable[string]
    const parsed = spec.input.safeParse(input)
    if (!parsed.success) {
      return { result: { ok: false, error: validationError(spec.input, parsed.error) } as Result<unknown>, channel: name }
    }
    let revealed: string | undefined
    const ctx: CallContext = {
      shell,
      requestId: nextRequestId(),
      ...(caller !== undefined ? { caller } : {}),
      allowSecret: (value) => {
        if (options.revealChannels?.has(name)) revealed = value
      }
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown
      const value = await handler(parsed.data, ctx)
      return { result: { ok: true, value: value ?? null } as Result<unknown>, channel: name, revealed }
    } catch (err) {
      if (err instanceof AppError) {
        if (err.code === 'INTERNAL') log.error(`${channel} failed`, { requestId: ctx.requestId, err, cause: err.cause })
        return { result: { ok: false, error: err.toInfo() } as Result<unknown>, channel: name }
      }
      log.error(`${channel} failed unexpectedly`, { requestId: ctx.requestId, err })
      const error: ErrorInfo = {
        code: 'INTERNAL',
        message: `Something went wrong in Backdesk (request ${ctx.requestId}). The details are in the log.`,
        retryable: false
      }
      return { result: { ok: false, error } as Result<unknown>, channel: name }
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
    channelNames: Object.keys(table) as ChannelName[],
    async dispatch(channel, input, shell, caller) {
      const { result, channel: name, revealed } = await run(channel, input, shell, caller)
      return JSON.parse(serialise(result, name, revealed)) as Result<unknown>
    },
    async dispatchJson(channel, input, shell, caller) {
      const { result, channel: name, revealed } = await run(channel, input, shell, caller)
      return serialise(result, name, revealed)
    }
  }
}
