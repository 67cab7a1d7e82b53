import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { generateX25519Identity, identityToRecipient } from 'age-encryption'
import { AppError } from '../../../shared/errors'
import { NOT_A_MEMBER_LINE } from '../../../shared/contract/workspace.contract'

// A technician's team identity: an age X25519 identity (others encrypt workspace entries to its
// recipient) and an Ed25519 signing key (every entry, review action and members change is signed
// with it). Both private parts live only inside the encrypted vault payload. The public parts
// travel as one line the technician sends to a teammate.

export interface TeamIdentity {
  /** `AGE-SECRET-KEY-1…` */
  ageSecret: string
  /** Ed25519 private key, PKCS#8 DER, base64. */
  signingKey: string
  /** The technician's display name as teammates will see it (encrypted in the repository). */
  name: string
  createdAt: string
}

/** What teammates know about a member: enough to encrypt to them and check their signatures. */
export interface MemberKeys {
  /** Opaque, derived from the keys: the only member reference the git host sees. */
  id: string
  /** `age1…` */
  recipient: string
  /** Ed25519 public key, 32 bytes, base64url. */
  signingKey: string
}

export interface PublicLine extends MemberKeys {
  name: string
}

const LINE_PREFIX = 'backdesk-member v1'
// Fixed DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

export async function newTeamIdentity(name: string, now: Date): Promise<TeamIdentity> {
  const ageSecret = await generateX25519Identity()
  const { privateKey } = generateKeyPairSync('ed25519')
  return {
    ageSecret,
    signingKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    name: cleanName(name),
    createdAt: now.toISOString()
  }
}

export function cleanName(name: string): string {
  // One line, printable: it ends the public line and is shown in lists.
  return name
    .split('')
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
}

export async function memberKeysOf(identity: TeamIdentity): Promise<MemberKeys> {
  const recipient = await identityToRecipient(identity.ageSecret)
  const pub = createPublicKey(privateKeyOf(identity))
  const raw = pub.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length)
  const signingKey = raw.toString('base64url')
  return { id: memberIdOf(recipient, signingKey), recipient, signingKey }
}

/** The member id: a hash of both public keys, so it cannot be chosen and names nobody. */
export function memberIdOf(recipient: string, signingKey: string): string {
  return `m${createHash('sha256').update(`${recipient} ${signingKey}`).digest('hex').slice(0, 24)}`
}

/** Twenty hex digits in groups of four, read aloud over the phone to check a public line. */
export function fingerprintOf(keys: Pick<MemberKeys, 'recipient' | 'signingKey'>): string {
  const hex = createHash('sha256').update(`backdesk-fingerprint ${keys.recipient} ${keys.signingKey}`).digest('hex').slice(0, 20)
  return hex.match(/.{4}/g)!.join('-')
}

export function formatPublicLine(keys: MemberKeys, name: string): string {
  return `${LINE_PREFIX} ${keys.recipient} ${keys.signingKey} ${cleanName(name)}`.trim()
}

export function parsePublicLine(line: string): PublicLine {
  const text = line.trim()
  const match = /^backdesk-member v1 (age1[0-9a-z]{58}) ([A-Za-z0-9_-]{43})(?: (.*))?$/.exec(text)
  if (!match) {
    throw new AppError('VALIDATION', NOT_A_MEMBER_LINE)
  }
  const recipient = match[1] as string
  const signingKey = match[2] as string
  if (Buffer.from(signingKey, 'base64url').length !== 32) throw new AppError('VALIDATION', 'The signing key in that member line is damaged.')
  return { id: memberIdOf(recipient, signingKey), recipient, signingKey, name: cleanName(match[3] ?? '') }
}

/** Normalises a fingerprint as typed (spaces, dashes, case) for comparison. */
export function normaliseFingerprint(value: string): string {
  return value.toLowerCase().replace(/[^0-9a-f]/g, '')
}

// ---- signatures --------------------------------------------------------------------------------

function privateKeyOf(identity: Pick<TeamIdentity, 'signingKey'>): KeyObject {
  return createPrivateKey({ key: Buffer.from(identity.signingKey, 'base64'), format: 'der', type: 'pkcs8' })
}

const publicKeys = new Map<string, KeyObject>()
function publicKeyOf(signingKey: string): KeyObject {
  let key = publicKeys.get(signingKey)
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(signingKey, 'base64url')]), format: 'der', type: 'spki' })
    if (publicKeys.size > 1000) publicKeys.clear()
    publicKeys.set(signingKey, key)
  }
  return key
}

/** Signs `context` + the canonical JSON of `value`; the context stops a signature being reused for another kind of object. */
export function signValue(identity: Pick<TeamIdentity, 'signingKey'>, context: string, value: unknown): string {
  return sign(null, signedBytes(context, value), privateKeyOf(identity)).toString('base64')
}

export function verifyValue(signingKey: string, context: string, value: unknown, signature: string): boolean {
  try {
    return verify(null, signedBytes(context, value), publicKeyOf(signingKey), Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

function signedBytes(context: string, value: unknown): Buffer {
  return Buffer.from(`backdesk-workspace/${context}\n${canonicalJson(value)}`, 'utf8')
}

/** JSON with object keys sorted at every level: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key]
      if (v !== undefined) out[key] = sortKeys(v)
    }
    return out
  }
  return value
}
