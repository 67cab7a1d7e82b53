import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption'
import { describe, expect, it } from 'vitest'
import { openWith, sealTo } from '../../../src/main/core/workspace/sealing'

// Workspace files are age files: what Backdesk seals opens with age-encryption's own X25519
// implementation and the other way round, for every member and for no one else.

async function member() {
  const secret = await generateX25519Identity()
  return { secret, recipient: await identityToRecipient(secret) }
}

describe('age sealing of workspace files', () => {
  it('seals to every member: each opens it with age-encryption’s own identity, an outsider cannot', async () => {
    const members = await Promise.all([member(), member(), member()])
    const outsider = await member()
    const sealed = await sealTo(members.map((m) => m.recipient), 'entry body ✓')
    for (const m of members) {
      const d = new Decrypter()
      d.addIdentity(m.secret)
      expect(await d.decrypt(sealed, 'text')).toBe('entry body ✓')
      expect(await openWith(m.secret, sealed)).toBe('entry body ✓')
    }
    const d = new Decrypter()
    d.addIdentity(outsider.secret)
    await expect(d.decrypt(sealed, 'text')).rejects.toThrow()
    expect(await openWith(outsider.secret, sealed)).toBeNull()
  })

  it('opens files age-encryption sealed, and refuses a damaged one', async () => {
    const [a, b] = await Promise.all([member(), member()])
    const e = new Encrypter()
    e.addRecipient(a!.recipient)
    e.addRecipient(b!.recipient)
    const sealed = await e.encrypt('from the reference implementation')
    expect(await openWith(b!.secret, sealed)).toBe('from the reference implementation')
    const damaged = new Uint8Array(sealed)
    damaged[damaged.length - 3]! ^= 0x01
    expect(await openWith(b!.secret, damaged)).toBeNull()
  })
})
