import { X509Certificate } from 'node:crypto'
import { AppError } from '../../../shared/errors'

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/**
 * Checks that `pem` holds one or more X.509 certificates and nothing else, and returns it
 * normalised (one certificate per block, trailing newline). Throws VALIDATION otherwise.
 */
export function validateCustomCa(pem: string): string {
  const blocks = pem.match(BLOCK) ?? []
  const rest = pem.replace(BLOCK, '').trim()
  if (blocks.length === 0 || rest.length > 0) {
    throw new AppError('VALIDATION', 'The custom CA must be one or more PEM certificates (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----) and nothing else.')
  }
  if (blocks.length > 20) throw new AppError('VALIDATION', 'The custom CA may hold at most 20 certificates.')
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block)
    } catch {
      throw new AppError('VALIDATION', `Certificate ${index + 1} of the custom CA could not be read as an X.509 certificate.`)
    }
  }
  return `${blocks.join('\n')}\n`
}
