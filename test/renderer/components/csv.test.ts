import { afterEach, describe, expect, it, vi } from 'vitest'
import { csvCell, csvFileName, toCsv } from '../../../src/renderer/src/components/csv'

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(' padded ')).toBe('" padded "')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(null)).toBe('')
    expect(csvCell(true)).toBe('true')
  })

  it('defuses formula injection in text cells but keeps numbers numeric', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"')
    expect(csvCell('+1+1')).toBe("'+1+1")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tcmd')).toBe("'\tcmd")
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell(Number.NaN)).toBe('')
  })

  it('builds a document with a header row and CRLF line ends', () => {
    const rows = [
      { name: 'WS, one', bytes: 1024 },
      { name: '=cmd', bytes: undefined }
    ]
    const text = toCsv(rows, [
      { header: 'Name', value: (r) => r.name },
      { header: 'Bytes', value: (r) => r.bytes }
    ])
    expect(text).toBe('Name,Bytes\r\n"WS, one",1024\r\n\'=cmd,\r\n')
  })

  it('makes file names safe', () => {
    const name = csvFileName('jobs', 'A/B:C*D?"E<F>G|H\u0001')
    expect(name).toMatch(/^jobs-A_B_C_D__E_F_G_H_-\d{4}-\d{2}-\d{2}\.csv$/)
  })

  describe('the date in the file name', () => {
    afterEach(() => {
      vi.useRealTimers()
      vi.unstubAllEnvs()
    })

    it('is the user’s local day, not the UTC one', () => {
      // 23:30 UTC on the 4th is already the 5th in Stockholm and still the 4th in New York.
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(new Date('2026-03-04T23:30:00Z'))
      vi.stubEnv('TZ', 'Europe/Stockholm')
      expect(csvFileName('jobs')).toBe('jobs-2026-03-05.csv')
      vi.setSystemTime(new Date('2026-03-05T02:30:00Z'))
      vi.stubEnv('TZ', 'America/New_York')
      expect(csvFileName('jobs')).toBe('jobs-2026-03-04.csv')
    })
  })
})
