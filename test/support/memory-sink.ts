import type { LogRecord, LogSink } from '../../src/main/core/log/logger'

/** A log sink that keeps the last `limit` records in memory, for tests to read. */
export function memorySink(limit = 2000): LogSink & { records: LogRecord[] } {
  const records: LogRecord[] = []
  const sink = ((record: LogRecord) => {
    records.push(record)
    if (records.length > limit) records.splice(0, records.length - limit)
  }) as LogSink & { records: LogRecord[] }
  sink.records = records
  return sink
}
