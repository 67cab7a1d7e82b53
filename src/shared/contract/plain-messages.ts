// Validation messages in plain words, for every schema of the contract (main checks every call
// with it; the renderer checks its forms with the same schemas). A schema's own message wins; this
// replaces zod's defaults ("Too small: expected string to have >=1 characters") with what a person
// would say. The field's name is not repeated: the form shows the message beside the field, and the
// router names the path.
import type { z } from 'zod'

type RawIssue = z.core.$ZodRawIssue

const plural = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`

function sizeMessage(issue: RawIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint }, small: boolean): string | undefined {
  const limit = small ? issue.minimum : issue.maximum
  if (limit === undefined) return undefined
  switch (issue.origin) {
    case 'string':
      if (small && Number(limit) === 1) return 'Enter a value.'
      return small ? `Use at least ${plural(limit, 'character', 'characters')}.` : `Use at most ${plural(limit, 'character', 'characters')}.`
    case 'number':
    case 'int':
    case 'bigint':
      return small ? `Enter ${String(limit)} or more.` : `Enter ${String(limit)} or less.`
    case 'array':
    case 'set':
      if (small && Number(limit) === 1) return 'Choose at least one.'
      return small ? `Choose at least ${String(limit)}.` : `Choose at most ${String(limit)}.`
    default:
      return undefined
  }
}

const FORMATS: Record<string, string> = {
  url: 'Enter a full web address, like https://example.com.',
  email: 'Enter an e-mail address, like name@example.com.',
  datetime: 'Enter a date and time.',
  date: 'Enter a date.',
  uuid: 'This is not a valid id.',
  regex: 'This value has characters or a form that is not allowed here.'
}

/** The plain-words message for a zod issue, or undefined to keep zod's own. */
export function plainMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'too_small':
      return sizeMessage(issue, true)
    case 'too_big':
      return sizeMessage(issue, false)
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'This is required.'
      if (issue.expected === 'number' || issue.expected === 'int') return 'Enter a number.'
      if (issue.expected === 'string') return 'Enter text.'
      return `Expected ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a group of fields' : `a ${String(issue.expected)}`}.`
    case 'invalid_format':
      return FORMATS[issue.format] ?? (issue.format.includes('date') || issue.format.includes('time') ? FORMATS['datetime'] : undefined)
    case 'invalid_value':
      return issue.values.length === 1 ? `Must be ${JSON.stringify(issue.values[0])}.` : `Choose one of: ${issue.values.map((v) => String(v)).join(', ')}.`
    case 'unrecognized_keys':
      return `Not a field here: ${issue.keys.join(', ')}.`
    case 'not_multiple_of':
      return `Enter a multiple of ${String(issue.divisor)}.`
    default:
      return undefined
  }
}
