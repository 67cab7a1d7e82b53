import { Decrypter, Encrypter } from 'age-encryption'
import { NativeX25519Identity, NativeX25519Recipient, nativeX25519 } from './native-x25519'

// age encryption of workspace files to every member's recipient. An age file's header names no
// recipient (X25519 stanzas are anonymous), so the git host learns how many members can read a
// file, not who they are.

export async function sealTo(recipients: readonly string[], plaintext: string): Promise<Uint8Array> {
  if (recipients.length === 0) throw new Error('no recipients')
  const encrypter = new Encrypter()
  for (const r of recipients) encrypter.addRecipient(nativeX25519 ? new NativeX25519Recipient(r) : r)
  return encrypter.encrypt(plaintext)
}

/** Opens an age file with the member's identity; null when it was not encrypted to them or is damaged. */
export async function openWith(ageSecret: string, ciphertext: Uint8Array): Promise<string | null> {
  const decrypter = new Decrypter()
  decrypter.addIdentity(nativeX25519 ? new NativeX25519Identity(ageSecret) : ageSecret)
  try {
    return await decrypter.decrypt(ciphertext, 'text')
  } catch {
    return null
  }
}

/** Runs `fn` over `items`, `limit` at a time (age's X25519 runs on the thread pool, so two help on two cores). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i] as T, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
