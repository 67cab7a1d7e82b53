import { describe, expect, it } from 'vitest'
import { codeTitle, formatCode } from '../../../../src/shared/format'
import { cloudbackJournal } from '../../../../src/main/core/providers/cloudback/journal'
import {
  CLOUDBACK_JOURNAL_ACTION_WORDS,
  CLOUDBACK_JOURNAL_OBJECT_WORDS,
  CLOUDBACK_OUTCOME_WORDS,
  CLOUDBACK_PLATFORM_WORDS,
  CLOUDBACK_SETTING_WORDS,
  cloudbackEnabledWords
} from '../../../../src/shared/providers/cloudback/words'

describe('Cloudback words', () => {
  it('names the platforms as people write them, with the raw value in the tooltip', () => {
    expect(formatCode('AzureDevOps', CLOUDBACK_PLATFORM_WORDS)).toBe('Azure DevOps')
    expect(codeTitle('AzureDevOps', CLOUDBACK_PLATFORM_WORDS)).toBe('Azure DevOps (AzureDevOps)')
    expect(codeTitle('GitHub', CLOUDBACK_PLATFORM_WORDS)).toBe('GitHub')
  })
  it('names every action and object main journals: a definition change, a bulk change, an untrack', () => {
    const { channels } = cloudbackJournal(async () => [])
    const subject = { connectionId: 'c1', platform: 'GitHub', account: 'acme', subjectType: 'Repository', subjectName: 'site' }
    const changes = [
      channels['cloudback.definition.update']!.describe({ ...subject, settings: { enabled: false } }, undefined, undefined),
      channels['cloudback.bulk.apply']!.describe({ connectionId: 'c1', previewId: 'p-1' }, undefined, undefined),
      channels['cloudback.tracked.remove']!.describe({ connectionId: 'c1', keys: ['github|acme|repository|site'] }, undefined, undefined)
    ]
    expect(Object.keys(channels).sort()).toEqual(['cloudback.bulk.apply', 'cloudback.definition.update', 'cloudback.tracked.remove'])
    for (const change of changes) {
      expect(CLOUDBACK_JOURNAL_ACTION_WORDS[change.action], change.action).toBeDefined()
      expect(CLOUDBACK_JOURNAL_OBJECT_WORDS[change.object.type], change.object.type).toBeDefined()
    }
    expect(codeTitle('update', CLOUDBACK_JOURNAL_ACTION_WORDS)).toBe('Changed the backup settings (update)')
  })
  it('words bulk outcomes, settings and the on/off switch', () => {
    expect(formatCode('failed', CLOUDBACK_OUTCOME_WORDS)).toBe('Failed')
    expect(CLOUDBACK_SETTING_WORDS.enabled).toBe('Scheduled backups')
    expect(cloudbackEnabledWords(true)).toBe('Enabled')
    expect(cloudbackEnabledWords(false)).toBe('Disabled')
  })
})
