import { redact, type SecretRegistry } from './redact'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface LogRecord {
  time: string
  level: LogLevel
  scope: string
  message: string
  data?: unknown
}

export interface Logger {
  debug(message: string, data?: unknown): void
  info(message: string, data?: unknown): void
  warn(message: string, data?: unknown): void
  error(message: string, data?: unknown): void
  child(scope: string): Logger
}

export type LogSink = (record: LogRecord) => void

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/**
 * Every record passes through redaction before any sink sees it, so no sink (console, file,
 * test capture) can leak a secret by accident.
 */
export function createLogger(options: {
  sinks: LogSink[]
  secrets: SecretRegistry
  level?: LogLevel
  scope?: string
}): Logger {
  const min = LEVEL_ORDER[options.level ?? 'info']
  const make = (scope: string): Logger => {
    const write = (level: LogLevel, message: string, data?: unknown): void => {
      if (LEVEL_ORDER[level] < min) return
      const record: LogRecord = {
        time: new Date().toISOString(),
        level,
        scope,
        message: options.secrets.redactText(message)
      }
      if (data !== undefined) record.data = redact(data, options.secrets)
      for (const sink of options.sinks) {
        try {
          sink(record)
        } catch {
          // A broken sink must never break the caller.
        }
      }
    }
    return {
      debug: (m, d) => write('debug', m, d),
      info: (m, d) => write('info', m, d),
      warn: (m, d) => write('warn', m, d),
      error: (m, d) => write('error', m, d),
      child: (child) => make(scope ? `${scope}.${child}` : child)
    }
  }
  return make(options.scope ?? '')
}

/** One line of JSON per record on stderr. */
export const stderrSink: LogSink = (record) => {
  process.stderr.write(`${JSON.stringify(record)}\n`)
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger
}
