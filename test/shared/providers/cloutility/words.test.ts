import { describe, expect, it } from 'vitest'
import { codeTitle, formatCode } from '../../../../src/shared/format'
import { AUDIT_LOG_TYPE_CODES } from '../../../../src/shared/providers/cloutility/model'
import {
  AUDIT_TYPE_WORDS,
  ERROR_STATUS_WORDS,
  JOB_STATUS_WORDS,
  JOURNAL_ACTION_WORDS,
  JOURNAL_OBJECT_WORDS,
  PLATFORM_WORDS
} from '../../../../src/shared/providers/cloutility/words'
import { ERROR_STATUS, JOB_STATUS } from '../../../../src/simulator/cloutility/catalog'

describe('Cloutility words', () => {
  it('names every job status the backup server reports, by its code name and by the name Cloutility sends', () => {
    for (const [code, { name }] of Object.entries(JOB_STATUS)) {
      expect(JOB_STATUS_WORDS[code], code).toBeDefined()
      expect(formatCode(name, JOB_STATUS_WORDS), name).toBe(JOB_STATUS_WORDS[code])
    }
    expect(formatCode('Failed - no restart', JOB_STATUS_WORDS)).toBe('Failed, not restarted')
    expect(codeTitle('Severed', JOB_STATUS_WORDS)).toBe('Connection lost (Severed)')
  })

  it('names every error status, and every audit log type', () => {
    for (const code of Object.keys(ERROR_STATUS)) expect(ERROR_STATUS_WORDS[code], code).toBeDefined()
    expect(formatCode('OkWithWarnings', ERROR_STATUS_WORDS)).toBe('OK with warnings')
    for (const type of Object.keys(AUDIT_LOG_TYPE_CODES)) expect(AUDIT_TYPE_WORDS[type as keyof typeof AUDIT_LOG_TYPE_CODES], type).toBeDefined()
    expect(AUDIT_TYPE_WORDS.unknown).toBe('Other')
  })

  it('shows the platform the client reports as its operating system, keeping the raw name in the tooltip', () => {
    expect(formatCode('WinNT', PLATFORM_WORDS)).toBe('Windows')
    expect(codeTitle('WinNT', PLATFORM_WORDS)).toBe('Windows (WinNT)')
    // An upper-case platform name is a name, not a code to space out.
    expect(formatCode('AIX', PLATFORM_WORDS)).toBe('AIX')
    // A platform not listed reads as it came.
    expect(formatCode('Linux zSeries', PLATFORM_WORDS)).toBe('Linux zSeries')
  })

  it('puts journal actions and objects in words', () => {
    expect(formatCode('changePassword', JOURNAL_ACTION_WORDS)).toBe('Changed the node password')
    expect(codeTitle('activate', JOURNAL_ACTION_WORDS)).toBe('Activated the node (activate)')
    expect(formatCode('consumptionUnit', JOURNAL_OBJECT_WORDS)).toBe('Consumption unit')
  })
})
