import { describe, expect, it } from 'vitest'
import { codeTitle, formatCode } from '../../../../src/shared/format'
import { cloudAllyJournal } from '../../../../src/main/core/providers/cloudally/journal'
import {
  CLOUDALLY_JOURNAL_ACTION_WORDS,
  CLOUDALLY_JOURNAL_OBJECT_WORDS,
  CLOUDALLY_REGION_WORDS,
  CLOUDALLY_SOURCE_WORDS,
  CLOUDALLY_STATUS_WORDS,
  CLOUDALLY_TYPE_WORDS
} from '../../../../src/shared/providers/cloudally/words'

describe('CloudAlly words', () => {
  it('names sources, types and regions in words, with the raw code in the tooltip', () => {
    expect(formatCode('MS365_GROUPS', CLOUDALLY_SOURCE_WORDS)).toBe('Microsoft 365 Groups')
    expect(codeTitle('MS365_GROUPS', CLOUDALLY_SOURCE_WORDS)).toBe('Microsoft 365 Groups (MS365_GROUPS)')
    expect(formatCode('GOOGLE_WORKSPACE', CLOUDALLY_TYPE_WORDS)).toBe('Google Workspace')
    expect(formatCode('US_EST', CLOUDALLY_REGION_WORDS)).toBe('United States (East)')
  })
  it('reads both spellings of a state as one word', () => {
    expect(formatCode('PAUSED', CLOUDALLY_STATUS_WORDS)).toBe('Paused')
    expect(formatCode('paused', CLOUDALLY_STATUS_WORDS)).toBe('Paused')
    expect(formatCode('in_progress', CLOUDALLY_STATUS_WORDS)).toBe(formatCode('IN_PROGRESS', CLOUDALLY_STATUS_WORDS))
  })
  it('names every action and object main journals for a restore or download request and its settled outcome', () => {
    const channels = cloudAllyJournal(() => 'tech@example.com', () => Promise.reject(new Error('not read here'))).channels
    const changes = [
      ...['restore', 'download'].map((kind) => channels['cloudally.restore.start']!.describe({ connectionId: 'c1', taskId: 't-1', kind, entities: [], items: [] }, undefined, undefined)),
      ...['started', 'not-started'].map((outcome) => channels['restores.settle']!.describe({ id: 'r-1', outcome }, undefined, undefined))
    ]
    for (const change of changes) {
      expect(CLOUDALLY_JOURNAL_ACTION_WORDS[change.action], change.action).toBeDefined()
      expect(CLOUDALLY_JOURNAL_OBJECT_WORDS[change.object.type], change.object.type).toBeDefined()
    }
    expect(codeTitle('download', CLOUDALLY_JOURNAL_ACTION_WORDS)).toBe('Requested a download (download)')
    expect(formatCode('backupTask', CLOUDALLY_JOURNAL_OBJECT_WORDS)).toBe('Backup task')
  })
  it('leaves a code it does not know readable', () => {
    expect(formatCode('LEGAL_HOLD', CLOUDALLY_STATUS_WORDS)).toBe('Legal hold')
  })
})
