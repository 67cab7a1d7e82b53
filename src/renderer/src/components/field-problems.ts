// One plain-words message per form field, from the same zod schemas main checks every call with
// (their messages are plain words already: shared/contract/plain-messages.ts), or from main's
// answer (`details.issues`) when a form sent something the renderer could not check itself.
import type { z } from 'zod'
import { ApiError } from '../api'

/** Field key → the one message shown beside it. */
export type FieldProblems = Readonly<Record<string, string>>

/** Which part of each issue's path names the field (see `fieldProblems`). */
export interface FieldScope {
  under?: string
  wholePath?: boolean
  formKey?: string
}

interface Issue {
  /** zod's path, or the router's dotted one ("unit.name"). */
  path: ReadonlyArray<PropertyKey> | string
  message: string
}

/**
 * The first message for each field, keyed by the path's first part (or by `formKey` for an
 * issue about the whole input). A field with three problems shows one: the first to fix.
 * `under` reads a nested object's fields (`unit` for `{ unit: { name } }`); `wholePath` keys by
 * the whole dotted path instead, for a form whose fields sit in more than one nested object.
 */
export function fieldProblems(issues: readonly Issue[], options: FieldScope = {}): FieldProblems {
  const out: Record<string, string> = {}
  for (const issue of issues) {
    let parts = typeof issue.path === 'string' ? (issue.path === '' ? [] : issue.path.split('.')) : issue.path.map(String)
    if (options.under) {
      if (parts[0] !== options.under) continue
      parts = parts.slice(1)
    }
    const key = (options.wholePath ? parts.join('.') : parts[0]) || (options.formKey ?? 'form')
    out[key] ??= issue.message
  }
  return out
}

/** Checks `input` with `schema`: the problems per field, empty when it passes. */
export function problemsOf(schema: z.ZodType, input: unknown, options?: FieldScope): FieldProblems {
  const parsed = schema.safeParse(input)
  return parsed.success ? {} : fieldProblems(parsed.error.issues, options)
}

/**
 * The fields main's answer names (a VALIDATION answer, or a wrong passphrase for one field), or
 * undefined for an error that names no field.
 */
export function problemsFromError(err: unknown, options?: FieldScope): FieldProblems | undefined {
  if (!(err instanceof ApiError)) return undefined
  const issues = err.details?.['issues']
  if (!Array.isArray(issues)) return undefined
  const valid = issues.filter((i): i is Issue => typeof i === 'object' && i !== null && typeof i.message === 'string' && (typeof i.path === 'string' || Array.isArray(i.path)))
  const found = fieldProblems(valid, options)
  return Object.keys(found).length > 0 ? found : undefined
}

/** `problems` without `key`'s message: editing a field takes its stale message away. */
export function withoutProblem(problems: FieldProblems, key: string): FieldProblems {
  if (!(key in problems)) return problems
  const { [key]: _gone, ...rest } = problems
  return rest
}

/** The id of the element that shows `fieldId`'s message. */
export const problemId = (fieldId: string): string => `${fieldId}-problem`

/**
 * The attributes that tie a control to its message and hint, for a screen reader:
 * `aria-invalid` while it has a problem, `aria-describedby` naming the message and the hint.
 */
export function fieldAria(fieldId: string, problem: string | undefined, hasHint = false): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const described = [problem ? problemId(fieldId) : undefined, hasHint ? `${fieldId}-hint` : undefined].filter(Boolean).join(' ')
  return { ...(problem ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) }
}
