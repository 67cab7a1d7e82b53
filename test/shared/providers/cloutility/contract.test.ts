// The Cloutility input rules live in the contract alone (main trusts what passed it): node names,
// node passwords, and the invoice upload's size and %PDF start.

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cloutilityChannels, INVOICE_FILE_MAX_BYTES } from '../../../../src/shared/providers/cloutility/contract'

const connectionId = 'c1'
const unit = { connectionId, businessUnitId: 5, consumptionUnitId: 9 }
const issues = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => (r.success ? [] : (r.error?.issues ?? []).map((i) => i.message))

describe('node names (IBM Storage Protect rules)', () => {
  const activate = (nodeName: string) => cloutilityChannels['cloutility.node.activate'].input.safeParse({ ...unit, nodeName })

  it('accepts 1–64 of A–Z 0–9 _ . - + & in any case, and says what is wrong otherwise', () => {
    expect(activate('bd-test_node.1+&').success).toBe(true)
    expect(activate(' abc ').success).toBe(true)
    for (const bad of ['has space', 'ÅÄÖ', 'x'.repeat(65), '', 'semi;colon', '"quoted"']) expect(activate(bad).success, bad).toBe(false)
    expect(issues(activate('bad name!')).join(' ')).toMatch(/space.*“!”|“!”.*space/)
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (name) => {
        expect(activate(name).success).toBe(/^[A-Za-z0-9_.\-+&]{1,64}$/.test(name.trim()))
      })
    )
  })
})

describe('node passwords', () => {
  const change = (password: string, confirm = password) => cloutilityChannels['cloutility.node.changePassword'].input.safeParse({ ...unit, password, confirm })

  it('accepts 8–64 characters of the SP set, and the same twice', () => {
    expect(change('N3w.Node-Passw0rd').success).toBe(true)
    expect(change('bad password with spaces').success).toBe(false)
    expect(change('short').success).toBe(false)
    expect(change('x'.repeat(65)).success).toBe(false)
    expect(issues(change('N3w.Node-Passw0rd', 'other'))).toContain('The two passwords differ')
  })
})

describe('invoice upload', () => {
  const upload = (bytes: Buffer) =>
    cloutilityChannels['cloutility.invoiceFiles.upload'].input.safeParse({ connectionId, businessUnitId: 5, fileName: 'a.pdf', contentBase64: bytes.toString('base64') })
  const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)])

  it('takes a PDF of up to exactly 10 MiB', () => {
    expect(upload(pdf(1000)).success).toBe(true)
    expect(upload(pdf(INVOICE_FILE_MAX_BYTES)).success).toBe(true)
    for (const over of [1, 2, 3]) expect(issues(upload(pdf(INVOICE_FILE_MAX_BYTES + over))), `${over} byte(s) over`).toContain('The file is larger than 10 MiB')
  })

  it('refuses what does not start with %PDF', () => {
    expect(issues(upload(Buffer.from('<html>not a pdf</html>')))).toContain('This is not a PDF file')
  })
})
