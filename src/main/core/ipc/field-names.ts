// The name a technician knows a field by, for the summary line of a VALIDATION answer (a form
// that has the field shows the message beside it; a banner has only this line to say which one).
import type { z } from 'zod'

type Step = string | number

interface SchemaDef {
  type: string
  shape?: Record<string, z.ZodType>
  innerType?: z.ZodType
  in?: z.ZodType
  element?: z.ZodType
  options?: readonly z.ZodType[]
  left?: z.ZodType
  right?: z.ZodType
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def

/** The schemas `path` may lead to inside `schema` (a union has one per option that has the step). */
function schemasAt(schema: z.ZodType, path: readonly Step[]): z.ZodType[] {
  const def = defOf(schema)
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return def.innerType ? schemasAt(def.innerType, path) : []
    case 'pipe':
      return def.in ? schemasAt(def.in, path) : []
    case 'union':
      return (def.options ?? []).flatMap((option) => schemasAt(option, path))
    case 'intersection':
      return [def.left, def.right].flatMap((side) => (side ? schemasAt(side, path) : []))
  }
  if (path.length === 0) return [schema]
  const [step, ...rest] = path
  if (def.type === 'object' && typeof step === 'string' && def.shape && Object.prototype.hasOwnProperty.call(def.shape, step)) {
    const field = def.shape[step]
    return field ? [...described(field), ...schemasAt(field, rest)] : []
  }
  if (def.type === 'array' && typeof step === 'number' && def.element) return schemasAt(def.element, rest)
  return []
}

// A described wrapper (`Passphrase.describe('Current passphrase').optional()`) names the field too.
function described(schema: z.ZodType): z.ZodType[] {
  return schema.description ? [schema] : []
}

/** "quietHours" → "Quiet hours", "maxAgeDays" → "Max age days". */
function humanise(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * The field's own description in the contract (`.describe('Current passphrase')`), else its key
 * in words; undefined for an issue about the whole input.
 */
export function fieldName(schema: z.ZodType, path: readonly Step[]): string | undefined {
  if (path.length === 0) return undefined
  const found = schemasAt(schema, path).find((s) => s.description)
  if (found?.description) return found.description
  const last = [...path].reverse().find((step): step is string => typeof step === 'string')
  return last === undefined ? undefined : humanise(last)
}
