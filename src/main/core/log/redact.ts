// Redaction for everything that leaves main as text: logs, error details, diagnostics.
// Two layers: known secret values (registered by the vault while unlocked) are replaced wherever
// they appear, and fields whose name looks secret are blanked whatever their value.

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential|private/i
const REDACTED = '[redacted]'

export class SecretRegistry {
  /**
   * Each secret with the other forms it travels in, computed once: URL-encoded (query strings)
   * and JSON-escaped (IPC answers are checked as JSON text, where `"`, `\` and control
   * characters are escaped).
   */
  private readonly values = new Map<string, string[]>()

  /** Values shorter than 4 characters are not registered: they would blank ordinary text. */
  add(value: string | undefined | null): void {
    if (value && value.length >= 4 && !this.values.has(value)) {
      const forms = new Set([encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])
      forms.delete(value)
      this.values.set(value, [...forms])
    }
  }

  delete(value: string): void {
    this.values.delete(value)
  }

  clear(): void {
    this.values.clear()
  }

  get size(): number {
    return this.values.size
  }

  /** Whether `text` holds any registered secret in any of its forms (stops at the first). */
  containsSecret(text: string): boolean {
    for (const [value, forms] of this.values) {
      if (text.includes(value)) return true
      for (const form of forms) if (text.includes(form)) return true
    }
    return false
  }

  redactText(text: string): string {
    let out = text
    for (const [value, forms] of this.values) {
      if (out.includes(value)) out = out.split(value).join(REDACTED)
      for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED)
    }
    return out
  }
}

/** Deep copy with secret-looking keys blanked and registered secret values replaced. */
export function redact(value: unknown, secrets?: SecretRegistry, depth = 0): unknown {
  if (depth > 8) return '[truncated]'
  if (typeof value === 'string') return secrets ? secrets.redactText(value) : value
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, secrets, depth + 1) }
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redact(item, secrets, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null && typeof item !== 'boolean'
      ? REDACTED
      : redact(item, secrets, depth + 1)
  }
  return out
}
