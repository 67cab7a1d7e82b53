import type { SecretRegistry } from '../log/redact'

const SECRET_QUERY_KEY = /pass|secret|token|api[-_]?key|auth|signature|sig$|credential|code|session|ticket/i

/** Path + query for logs: values of secret-looking query keys and registered secrets blanked. */
export function loggablePath(url: URL, secrets?: SecretRegistry): string {
  let query = ''
  if (url.search) {
    const parts: string[] = []
    for (const [key, value] of url.searchParams) {
      const shown = SECRET_QUERY_KEY.test(key) ? '[redacted]' : value
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(shown).replace(/%5Bredacted%5D/g, '[redacted]')}`)
    }
    query = `?${parts.join('&')}`
  }
  const text = `${url.pathname}${query}`
  return secrets ? secrets.redactText(text) : text
}
