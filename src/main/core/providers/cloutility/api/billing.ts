// A business unit's contract, invoices, invoice files and billing data.

import { randomBytes } from 'node:crypto'
import { AppError } from '../../../../../shared/errors'
import type { BillingData, Contract, Invoice, InvoiceFile } from '../../../../../shared/providers/cloutility/model'
import { isObject } from '../../wire'
import { items } from '../map/common'
import { toBillingData, toContract, toInvoice, toInvoiceFile } from '../map/billing'
import { buPath, type CallOptions, type Door } from './common'

export interface InvoiceUpload {
  fileName?: string
  erpReference?: string
  sendToBillingAddress?: boolean
}

export function billingApi({ request, units }: Door) {
  /** The business unit's contract, or null when it has none. */
  async function contract(buId: number, o: CallOptions = {}): Promise<Contract | null> {
    try {
      // "Returns nothing if the BU has no contract" (help page): here an empty answer is one.
      return toContract(await request({ ...o, path: `${buPath(buId)}/contract`, about: `contract of ${units.bu(buId)}`, allowEmpty: true }))
    } catch (err) {
      // A unit without a contract may answer 404 as well as "nothing".
      if (err instanceof AppError && err.code === 'NOT_FOUND' && /contract/i.test(String(err.details?.providerMessage ?? ''))) return null
      throw err
    }
  }

  async function invoices(buId: number, o: CallOptions = {}): Promise<Invoice[]> {
    return items(await request({ ...o, path: `${buPath(buId)}/invoices`, about: `invoices of ${units.bu(buId)}` }), toInvoice)
  }

  /** The invoice of a date (YYYY-MM-DD, from Invoice.date); a future date gives a simulated one. */
  async function invoiceByDate(buId: number, date: string, o: CallOptions = {}): Promise<Invoice> {
    const inv = toInvoice(await request({ ...o, path: `${buPath(buId)}/invoices/${encodeURIComponent(date)}`, about: `invoice of ${date} for ${units.bu(buId)}` }))
    if (!inv) throw new AppError('UPSTREAM', `Cloutility returned an unreadable invoice for ${date}.`)
    return inv
  }

  async function invoiceFiles(buId: number, o: CallOptions = {}): Promise<InvoiceFile[]> {
    return items(await request({ ...o, path: `${buPath(buId)}/invoicefiles`, about: `invoice files of ${units.bu(buId)}` }), toInvoiceFile)
  }

  /** Uploads an invoice PDF (multipart/form-data, as a browser form would); the contract has checked size and %PDF. */
  async function uploadInvoicePdf(buId: number, pdf: Uint8Array, options: InvoiceUpload = {}, o: CallOptions = {}): Promise<InvoiceFile> {
    const fileName = (options.fileName ?? 'invoice.pdf').replace(/["\r\n\\/]/g, '_')
    const boundary = `----backdesk${randomBytes(12).toString('hex')}`
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`)
    ])
    const res = await request({
      ...o,
      method: 'POST',
      path: `${buPath(buId)}/invoicefiles`,
      query: { erpReference: options.erpReference || undefined, sendToBillingAddress: options.sendToBillingAddress ?? false },
      body,
      contentType: `multipart/form-data; boundary=${boundary}`,
      about: `invoice files of ${units.bu(buId)}`
    })
    const file = isObject(res) ? toInvoiceFile(res) : undefined
    if (!file) throw new AppError('UPSTREAM', 'Cloutility did not confirm the uploaded invoice file.')
    return file
  }

  async function billing(buId: number, options: { includeNext?: number } = {}, o: CallOptions = {}): Promise<BillingData[]> {
    return items(
      await request({ ...o, path: `${buPath(buId)}/billing`, query: { includeNext: options.includeNext }, about: `billing data of ${units.bu(buId)}` }),
      toBillingData
    )
  }

  async function billingByDate(buId: number, date: string, options: { useForecasting?: boolean } = {}, o: CallOptions = {}): Promise<BillingData> {
    const b = toBillingData(
      await request({
        ...o,
        path: `${buPath(buId)}/billing/${encodeURIComponent(date)}`,
        query: { useForecasting: options.useForecasting },
        about: `billing data of ${date} for ${units.bu(buId)}`
      })
    )
    if (!b) throw new AppError('UPSTREAM', `Cloutility returned unreadable billing data for ${date}.`)
    return b
  }

  return { contract, invoices, invoiceByDate, invoiceFiles, uploadInvoicePdf, billing, billingByDate }
}
