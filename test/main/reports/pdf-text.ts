// Reads a PDF back as lines of text with pdf.js (what a person or an auditor's tool would see):
// text items grouped by their baseline, left to right, cells joined with " | ".
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const FONTS = `${pathToFileURL(resolve('node_modules/pdfjs-dist/standard_fonts')).href}/`

export interface PdfText {
  pages: number
  /** Every line of every page, in reading order. */
  lines: string[]
  info: Record<string, unknown>
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: FONTS, verbosity: 0 }).promise
  const lines: string[] = []
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p)
    const content = await page.getTextContent()
    const rows = new Map<number, Array<{ x: number; s: string }>>()
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue
      const y = Math.round(item.transform[5] as number)
      const list = rows.get(y) ?? []
      list.push({ x: item.transform[4] as number, s: item.str })
      rows.set(y, list)
    }
    for (const y of [...rows.keys()].sort((a, b) => b - a)) {
      lines.push((rows.get(y) ?? []).sort((a, b) => a.x - b.x).map((i) => i.s.trim()).join(' | '))
    }
  }
  const meta = await pdf.getMetadata()
  const info = (meta.info ?? {}) as Record<string, unknown>
  await pdf.destroy()
  return { pages: pdf.numPages, lines, info }
}
