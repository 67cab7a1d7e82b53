// The renderer's only door to main. Typed from the shared contract; unwraps the result envelope
// into a value or an ApiError carrying the shared error code.
import type { ChannelInput, ChannelName, ChannelOutput, TopicName, TopicPayload } from '../../shared/contract'
import type { BackdeskBridge } from '../../shared/contract/bridge'
import type { ErrorCode, ErrorInfo } from '../../shared/errors'

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean
  readonly details?: Record<string, unknown>

  constructor(info: ErrorInfo) {
    super(info.message)
    this.name = 'ApiError'
    this.code = info.code
    this.retryable = info.retryable
    if (info.details) this.details = info.details
  }
}

function bridge(): BackdeskBridge {
  const found = window.backdesk
  if (!found) {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'Backdesk cannot reach its main process. Start it with `npm start` or `npm run web`.',
      retryable: false
    })
  }
  return found
}

type InputArgs<K extends ChannelName> = undefined extends ChannelInput<K>
  ? [input?: ChannelInput<K>]
  : [input: ChannelInput<K>]

export async function call<K extends ChannelName>(name: K, ...args: InputArgs<K>): Promise<ChannelOutput<K>> {
  const fn = bridge().invoke[name] as (input?: unknown) => Promise<unknown>
  let result: unknown
  try {
    result = await fn(args[0])
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: `Backdesk could not run "${name}".`, retryable: true })
  }
  const envelope = result as { ok?: boolean; value?: unknown; error?: ErrorInfo } | null
  if (envelope && envelope.ok === true) return envelope.value as ChannelOutput<K>
  if (envelope && envelope.ok === false && envelope.error) throw new ApiError(envelope.error)
  throw new ApiError({ code: 'INTERNAL', message: `Backdesk answered "${name}" with something unreadable.`, retryable: false })
}

export function subscribe<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void {
  const found = window.backdesk
  if (!found) return () => undefined
  return found.on[topic](listener)
}

export function shellKind(): 'electron' | 'web' | 'none' {
  return window.backdesk?.shell ?? 'none'
}

/** A message for any thrown value, for toasts and inline errors. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}
