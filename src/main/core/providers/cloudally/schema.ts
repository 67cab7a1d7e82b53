// The seed's backup-task JSON Schema (shared/seeds/003) as a checker. It reports every value
// outside the schema in plain words and keeps the value as it came: a task that does not match
// is shown with its issues, never dropped. (The seed is a third-party sketch; real CloudAlly data
// uses upper-case vocabularies such as GMAIL or ACTIVE, so issues are expected, not fatal.)

import {
  BACKUP_FREQUENCIES,
  BACKUP_TASK_STATUSES,
  BACKUP_TASK_TYPES,
  type CloudAllyBackupTask
} from '../../../../shared/providers/cloudally/model'
import { extraScalars, num, rec, text } from '../wire'

const KNOWN = new Set(['id', 'name', 'type', 'status', 'lastBackup', 'createdAt', 'size', 'schedule', 'source', 'userId'])

function kind(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  return `a ${typeof v}`
}

function isDateTime(v: string): boolean {
  // RFC 3339 date-time, as JSON Schema's "date-time" format.
  return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v))
}

/** Shows any value as text for display (an object becomes JSON). */
function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  try {
    return JSON.stringify(v)
  } catch {
    return undefined
  }
}

export function checkBackupTask(raw: unknown): CloudAllyBackupTask {
  const issues: string[] = []
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { id: '', schemaIssues: [`The task is ${kind(raw)}, not an object`], extra: {} }
  }
  const o = rec(raw)

  const stringField = (name: string, required: boolean): string | undefined => {
    const v = o[name]
    if (v === undefined) {
      if (required) issues.push(`Missing required field "${name}"`)
      return undefined
    }
    if (typeof v !== 'string') {
      issues.push(`"${name}" is ${kind(v)}, the schema says a string`)
      return asText(v)
    }
    return v
  }
  const enumField = (name: string, value: string | undefined, allowed: readonly string[]) => {
    if (value !== undefined && typeof o[name] === 'string' && !allowed.includes(value)) {
      issues.push(`"${name}" is "${value}", not one of ${allowed.join(', ')}`)
    }
  }

  const id = stringField('id', true) ?? ''
  const name = stringField('name', true)
  const type = stringField('type', true)
  enumField('type', type, BACKUP_TASK_TYPES)
  const status = stringField('status', false)
  enumField('status', status, BACKUP_TASK_STATUSES)

  let lastBackup: string | null | undefined
  if (o.lastBackup === null) lastBackup = null
  else if (o.lastBackup !== undefined) {
    lastBackup = stringField('lastBackup', false)
    if (typeof o.lastBackup === 'string' && !isDateTime(o.lastBackup)) issues.push(`"lastBackup" is "${o.lastBackup}", not a date-time`)
  }
  const createdAt = stringField('createdAt', false)
  if (typeof o.createdAt === 'string' && !isDateTime(o.createdAt)) issues.push(`"createdAt" is "${o.createdAt}", not a date-time`)

  let size: number | null | undefined
  if (o.size === null) size = null
  else if (o.size !== undefined) {
    if (typeof o.size !== 'number' || !Number.isInteger(o.size)) {
      issues.push(`"size" is ${typeof o.size === 'number' ? 'not a whole number' : kind(o.size)}, the schema says an integer or null`)
    }
    size = num(o.size)
  }

  let schedule: CloudAllyBackupTask['schedule']
  if (o.schedule !== undefined) {
    if (!o.schedule || typeof o.schedule !== 'object' || Array.isArray(o.schedule)) {
      issues.push(`"schedule" is ${kind(o.schedule)}, the schema says an object`)
      const text = asText(o.schedule)
      schedule = text === undefined ? {} : { frequency: text }
    } else {
      const s = rec(o.schedule)
      schedule = {}
      if (s.frequency !== undefined) {
        if (typeof s.frequency !== 'string') issues.push(`"schedule.frequency" is ${kind(s.frequency)}, the schema says a string`)
        else if (!(BACKUP_FREQUENCIES as readonly string[]).includes(s.frequency)) {
          issues.push(`"schedule.frequency" is "${s.frequency}", not one of ${BACKUP_FREQUENCIES.join(', ')}`)
        }
        const f = asText(s.frequency)
        if (f !== undefined) schedule.frequency = f
      }
      if (s.timezone !== undefined) {
        if (typeof s.timezone !== 'string') issues.push(`"schedule.timezone" is ${kind(s.timezone)}, the schema says a string`)
        const tz = asText(s.timezone)
        if (tz !== undefined) schedule.timezone = tz
      }
    }
  }

  const task: CloudAllyBackupTask = { id, schemaIssues: issues, extra: extraScalars(o, KNOWN) }
  if (name !== undefined) task.name = name
  if (type !== undefined) task.type = type
  if (status !== undefined) task.status = status
  if (lastBackup !== undefined) task.lastBackup = lastBackup
  if (createdAt !== undefined) task.createdAt = createdAt
  if (size !== undefined) task.size = size
  if (schedule !== undefined) task.schedule = schedule
  const source = text(o.source)
  if (source !== undefined) task.source = source
  const userId = text(o.userId)
  if (userId !== undefined) task.userId = userId
  return task
}
