// IBM Storage Protect naming rules, checked before anything is sent (provider-apis.md §2).

import { AppError } from '../../../../shared/errors'

const NODE_NAME = /^[A-Z0-9_.\-+&]{1,64}$/
const PASSWORD = /^[A-Za-z0-9.!@#$%^&*_\-+=`()|{}[\]:;<>,?/~\\]{1,64}$/

/** A JSON-quoted string (`"ABC"`, as spname returns it) → its content; anything else as it is. */
export function unquote(value: string): string {
  const t = value.trim()
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(t)
      if (typeof parsed === 'string') return parsed
    } catch {
      return t.slice(1, -1)
    }
  }
  return t
}

/**
 * Normalises a node name (trimmed, quotes removed, upper-cased: SP handles names upper-case) and
 * checks it: 1–64 characters from A–Z 0–9 _ . - + &. Throws VALIDATION with what is wrong.
 */
export function normalizeNodeName(raw: string): string {
  const name = unquote(raw).toUpperCase()
  if (!name) throw new AppError('VALIDATION', 'Enter a node name (or let Cloutility propose one).')
  if (name.length > 64) {
    throw new AppError('VALIDATION', `The node name is ${name.length} characters long; IBM Storage Protect allows at most 64.`)
  }
  if (!NODE_NAME.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[A-Z0-9_.\-+&]/.test(c)))].map((c) => (c === ' ' ? 'space' : `"${c}"`))
    throw new AppError(
      'VALIDATION',
      `The node name contains characters IBM Storage Protect does not allow (${bad.join(', ')}). Use only A–Z, 0–9 and _ . - + &.`
    )
  }
  return name
}

/** Checks a node password against the SP character set and length (the server may ask for more). */
export function checkNodePassword(password: string): void {
  if (!password) throw new AppError('VALIDATION', 'Enter the new node password.')
  if (password.length > 64) throw new AppError('VALIDATION', 'Node passwords can be at most 64 characters long.')
  if (!PASSWORD.test(password)) {
    throw new AppError(
      'VALIDATION',
      'The node password contains characters IBM Storage Protect does not allow. Use letters, digits and . ! @ # $ % ^ & * _ - + = ` ( ) | { } [ ] : ; < > , ? / ~'
    )
  }
}
