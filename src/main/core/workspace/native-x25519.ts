import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject } from 'node:crypto'
import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import { base64nopad, bech32 } from '@scure/base'
import { Stanza, type Identity, type Recipient } from 'age-encryption'

// age's X25519 recipient stanza (age-encryption.org/v1, "X25519") with Node's native X25519 and
// HKDF instead of age-encryption's WebCrypto path (a key import per operation): sealing 500
// entries to 20 members is 10,000 of them, and this halves the time. The 32-byte wrap uses the
// same ChaCha20-Poly1305 as age-encryption (@noble/ciphers; Electron's BoringSSL has no
// createCipheriv for it). The format is age's own, plugged into age-encryption's Encrypter and
// Decrypter through its Recipient and Identity interfaces; the tests check files open both ways
// with age-encryption's own implementation. Where native X25519 is missing, `nativeX25519` is
// false and sealing.ts uses age-encryption's implementation.

const LABEL = Buffer.from('age-encryption.org/v1/X25519', 'utf8')
const ZERO_NONCE = new Uint8Array(12)
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')

function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' })
}

function rawPublic(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length)
}

function wrapKey(secret: Buffer, share: Uint8Array, recipient: Uint8Array): Buffer {
  if (secret.every((b) => b === 0)) throw new Error('low-order X25519 point')
  return Buffer.from(hkdfSync('sha256', secret, Buffer.concat([share, recipient]), LABEL, 32))
}

export class NativeX25519Recipient implements Recipient {
  private readonly raw: Uint8Array
  private readonly key: KeyObject

  constructor(recipient: string) {
    const decoded = bech32.decodeToBytes(recipient)
    if (!recipient.startsWith('age1') || decoded.prefix.toLowerCase() !== 'age' || decoded.bytes.length !== 32) throw new Error('invalid recipient')
    this.raw = decoded.bytes
    this.key = publicKeyObject(decoded.bytes)
  }

  wrapFileKey(fileKey: Uint8Array): Stanza[] {
    const ephemeral = generateKeyPairSync('x25519')
    const share = rawPublic(ephemeral.publicKey)
    const key = wrapKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: this.key }), share, this.raw)
    return [new Stanza(['X25519', base64nopad.encode(share)], chacha20poly1305(key, ZERO_NONCE).encrypt(fileKey))]
  }
}

export class NativeX25519Identity implements Identity {
  private readonly key: KeyObject
  private readonly ownPublic: Buffer

  constructor(identity: string) {
    const decoded = bech32.decodeToBytes(identity.toLowerCase())
    if (!identity.startsWith('AGE-SECRET-KEY-1') || decoded.prefix !== 'age-secret-key-' || decoded.bytes.length !== 32) throw new Error('invalid identity')
    this.key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, decoded.bytes]), format: 'der', type: 'pkcs8' })
    this.ownPublic = rawPublic(createPublicKey(this.key))
  }

  unwrapFileKey(stanzas: Stanza[]): Uint8Array | null {
    for (const s of stanzas) {
      if (s.args.length < 1 || s.args[0] !== 'X25519') continue
      if (s.args.length !== 2) throw new Error('invalid X25519 stanza')
      const share = base64nopad.decode(s.args[1] as string)
      if (share.length !== 32 || s.body.length !== 32) throw new Error('invalid X25519 stanza')
      let key: Buffer
      try {
        key = wrapKey(diffieHellman({ privateKey: this.key, publicKey: publicKeyObject(share) }), share, this.ownPublic)
      } catch {
        continue
      }
      try {
        return chacha20poly1305(key, ZERO_NONCE).decrypt(s.body)
      } catch {
        continue // a stanza for another member
      }
    }
    return null
  }
}

/** Whether this runtime has native X25519 (checked once with a full key agreement). */
export const nativeX25519 = ((): boolean => {
  try {
    const a = generateKeyPairSync('x25519')
    const b = generateKeyPairSync('x25519')
    const ab = diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey })
    const ba = diffieHellman({ privateKey: b.privateKey, publicKey: publicKeyObject(rawPublic(a.publicKey)) })
    return ab.length === 32 && ab.equals(ba)
  } catch {
    return false
  }
})()
