// What main decides when a window is about to close while its page holds unsaved edits, and what
// it keeps of each page's report (plain Node: the Electron wiring is tested in test/main/electron).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { closeQuestion, decideClose, discardChosen, UnsavedEdits } from '../../../src/main/core/app/close-guard'
import { createCore } from '../../../src/main/core/app/core'
import { headlessPlatform } from '../../../src/main/core/platform/platform'

const open = { pageGone: false, discardChosen: false, asking: false }

describe('decideClose', () => {
  it('closes at once when nothing is unsaved', () => {
    expect(decideClose({ ...open, editors: [] })).toEqual({ kind: 'close' })
  })

  it('asks, naming the editor, with Keep editing as the default and the cancel answer', () => {
    const decision = decideClose({ ...open, editors: ['the connection “Contoso”'] })
    expect(decision).toEqual({
      kind: 'ask',
      question: expect.objectContaining({
        message: 'You have unsaved edits in the connection “Contoso”. Discard them and close?',
        buttons: ['Discard and close', 'Keep editing'],
        defaultId: 1,
        cancelId: 1
      })
    })
    expect(discardChosen(0)).toBe(true)
    expect(discardChosen(1)).toBe(false)
    // An answer the box should never give keeps the edits.
    expect(discardChosen(-1)).toBe(false)
  })

  it('closes without asking when the page is gone (crashed): nothing can hold the window open', () => {
    expect(decideClose({ ...open, editors: ['the new connection'], pageGone: true })).toEqual({ kind: 'close' })
  })

  it('closes once the user chose to discard, and keeps the window while the question shows', () => {
    expect(decideClose({ ...open, editors: ['the new connection'], discardChosen: true })).toEqual({ kind: 'close' })
    expect(decideClose({ ...open, editors: ['the new connection'], asking: true })).toEqual({ kind: 'wait' })
  })
})

describe('closeQuestion', () => {
  it('names two or three editors, and counts the rest', () => {
    expect(closeQuestion(['A', 'B']).message).toBe('You have unsaved edits in A and B. Discard them and close?')
    expect(closeQuestion(['A', 'B', 'C']).message).toBe('You have unsaved edits in A, B and C. Discard them and close?')
    expect(closeQuestion(['A', 'B', 'C', 'D', 'E']).message).toBe('You have unsaved edits in A, B, C and 2 more. Discard them and close?')
  })

  it('says reload when discarding leads to a reload (development builds), with the same answers', () => {
    const decision = decideClose({ ...open, editors: ['the new connection'], action: 'reload' })
    expect(decision).toEqual({
      kind: 'ask',
      question: expect.objectContaining({
        message: 'You have unsaved edits in the new connection. Discard them and reload?',
        buttons: ['Discard and reload', 'Keep editing'],
        defaultId: 1,
        cancelId: 1
      })
    })
    expect(discardChosen(0)).toBe(true)
  })
})

describe('UnsavedEdits', () => {
  it('keeps each caller’s last report apart, and forgets a caller whose page is gone', () => {
    const edits = new UnsavedEdits()
    edits.report('1', ['A', 'A', 'B'])
    edits.report('2', ['C'])
    expect(edits.editorsOf('1')).toEqual(['A', 'B'])
    expect(edits.editorsOf('2')).toEqual(['C'])
    edits.report('1', [])
    expect(edits.editorsOf('1')).toEqual([])
    edits.forget('2')
    expect(edits.editorsOf('2')).toEqual([])
    expect(edits.editorsOf('never reported')).toEqual([])
  })
})

describe('app.unsavedEdits.report', () => {
  it('is kept per calling window, refuses a name with a line break, and keeps nothing for a caller it cannot tell apart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'backdesk-close-guard-'))
    const core = await createCore({ shell: 'electron', dataDir, versions: { node: process.versions.node }, platform: headlessPlatform })
    try {
      expect(await core.router.dispatch('app.unsavedEdits.report', { editors: ['the new connection'] }, 'electron', '7')).toEqual({ ok: true, value: { kept: true } })
      expect(core.unsavedEdits.editorsOf('7')).toEqual(['the new connection'])
      expect(core.unsavedEdits.editorsOf('8')).toEqual([])

      const bad = await core.router.dispatch('app.unsavedEdits.report', { editors: ['two\nlines'] }, 'electron', '7')
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      const tooMany = await core.router.dispatch('app.unsavedEdits.report', { editors: Array.from({ length: 21 }, (_, i) => `form ${i}`) }, 'electron', '7')
      expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect(core.unsavedEdits.editorsOf('7')).toEqual(['the new connection'])

      // The web shell's pages are not told apart (its browser asks by itself).
      expect(await core.router.dispatch('app.unsavedEdits.report', { editors: ['x'] }, 'web')).toEqual({ ok: true, value: { kept: false } })

      expect(await core.router.dispatch('app.unsavedEdits.report', { editors: [] }, 'electron', '7')).toEqual({ ok: true, value: { kept: true } })
      expect(core.unsavedEdits.editorsOf('7')).toEqual([])
    } finally {
      await core.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
