import { useCallback, useState, type ChangeEvent } from 'react'
import type { z } from 'zod'
import { problemsFromError, problemsOf, withoutProblem, type FieldProblems, type FieldScope } from './field-problems'
import { useAction } from './use-action'

// The key a message about the whole input gets: no field has an empty name.
const WHOLE_INPUT = ''

/**
 * A form's messages per field: `check` runs the contract's schema before sending (false when a
 * field is wrong), `fromError` takes main's VALIDATION answer (true when it named fields, so the
 * form shows them instead of a banner), `clear` is called when a field is edited.
 *
 * A message about the whole input has no field to sit beside, so it never waits in `problems`
 * where no form shows it: `check` leaves it to main (which refuses with the same message), and
 * `fromError` throws it, after setting the fields' own messages, for the action's error banner.
 */
export function useFieldProblems(options?: Omit<FieldScope, 'formKey'>) {
  const [problems, setProblems] = useState<FieldProblems>({})
  const scope: FieldScope = { ...options, formKey: WHOLE_INPUT }
  const check = (schema: z.ZodType, input: unknown, extra: FieldProblems = {}): boolean => {
    const found = { ...withoutProblem(problemsOf(schema, input, scope), WHOLE_INPUT), ...extra }
    setProblems(found)
    return Object.keys(found).length === 0
  }
  const fromError = (err: unknown): boolean => {
    const found = problemsFromError(err, scope)
    if (!found) return false
    const whole = found[WHOLE_INPUT]
    setProblems(withoutProblem(found, WHOLE_INPUT))
    if (whole !== undefined) throw new Error(whole)
    return true
  }
  const clear = useCallback((key: string) => setProblems((p) => withoutProblem(p, key)), [])
  return { problems, setProblems, check, fromError, clear }
}

/**
 * A form's save: runs `send` as an action whose field problems from main go under their fields
 * (a message about the whole input, and any error that names no field, in the banner);
 * `edited(key)`, which a field calls on change to take its own message and the last save error
 * away; and `valueChange(key, set)`, the `onChange` of a control whose value is kept as text: it
 * sets the value and calls `edited(key)`.
 */
export function useFieldSave<A extends unknown[]>(fields: Pick<ReturnType<typeof useFieldProblems>, 'fromError' | 'clear'>, send: (...args: A) => Promise<unknown>) {
  const save = useAction(async (...args: A) => {
    try {
      await send(...args)
    } catch (err) {
      if (fields.fromError(err)) return
      throw err
    }
  })
  const edited = (key: string) => {
    fields.clear(key)
    save.setError(null)
  }
  const valueChange =
    (key: string, set: (value: string) => void) =>
    (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
      set(e.target.value)
      edited(key)
    }
  return { save, edited, valueChange }
}
