import { useCallback, useState, type ChangeEvent } from 'react'
import type { z } from 'zod'
import { problemsFromError, problemsOf, withoutProblem, type FieldProblems } from './field-problems'
import { useAction } from './use-action'

/**
 * A form's messages per field: `check` runs the contract's schema before sending (false when
 * something is wrong), `fromError` takes main's VALIDATION answer (true when it named fields, so
 * the form shows them instead of a banner), `clear` is called when a field is edited.
 */
export function useFieldProblems(options?: { under?: string; formKey?: string }) {
  const [problems, setProblems] = useState<FieldProblems>({})
  const under = options?.under
  const formKey = options?.formKey ?? 'form'
  const scope = { ...(under ? { under } : {}), formKey }
  const check = (schema: z.ZodType, input: unknown, extra: FieldProblems = {}): boolean => {
    const found = { ...problemsOf(schema, input, scope), ...extra }
    setProblems(found)
    return Object.keys(found).length === 0
  }
  const fromError = (err: unknown): boolean => {
    const found = problemsFromError(err, scope)
    if (found) setProblems(found)
    return found !== undefined
  }
  // A message about the whole input goes too: any field's edit may be what fixes it.
  const clear = useCallback((key: string) => setProblems((p) => withoutProblem(withoutProblem(p, key), formKey)), [formKey])
  return { problems, setProblems, check, fromError, clear }
}

/**
 * A form's save: runs `send` as an action whose field problems from main go under their fields
 * (not in the banner); `edited(key)`, which a field calls on change to take its own message and
 * the last save error away; and `valueChange(key, set)`, the `onChange` of a control whose value
 * is kept as text: it sets the value and calls `edited(key)`.
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
