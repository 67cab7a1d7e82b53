import { describe, expect, it } from 'vitest'
import { codeTitle, formatCode } from '../../../../src/shared/format'
import { CLOUDBACK_OUTCOME_WORDS, CLOUDBACK_PLATFORM_WORDS, CLOUDBACK_SETTING_WORDS, cloudbackEnabledWords } from '../../../../src/shared/providers/cloudback/words'

describe('Cloudback words', () => {
  it('names the platforms as people write them, with the raw value in the tooltip', () => {
    expect(formatCode('AzureDevOps', CLOUDBACK_PLATFORM_WORDS)).toBe('Azure DevOps')
    expect(codeTitle('AzureDevOps', CLOUDBACK_PLATFORM_WORDS)).toBe('Azure DevOps (AzureDevOps)')
    expect(codeTitle('GitHub', CLOUDBACK_PLATFORM_WORDS)).toBe('GitHub')
  })
  it('words bulk outcomes, settings and the on/off switch', () => {
    expect(formatCode('failed', CLOUDBACK_OUTCOME_WORDS)).toBe('Failed')
    expect(CLOUDBACK_SETTING_WORDS.enabled).toBe('Scheduled backups')
    expect(cloudbackEnabledWords(true)).toBe('Enabled')
    expect(cloudbackEnabledWords(false)).toBe('Disabled')
  })
})
