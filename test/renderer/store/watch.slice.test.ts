import { describe, expect, it } from 'vitest'
import type { ChangeSet, WatchStatus } from '../../../src/shared/model/watch'
import { createAppStore } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const watch = (attention: number) => ({ state: 'scheduled', attention }) as unknown as WatchStatus
const changes = (scanId: string) => ({ base: 'last-scan', scanId, changes: [] }) as unknown as ChangeSet

describe('watch slice', () => {
  it('is loading while the status is read, then holds it; a pushed status replaces it', async () => {
    const answer = deferred<WatchStatus>()
    installFakeBridge({ 'watch.status': () => answer.promise })
    const store = createAppStore()
    const loading = store.getState().loadWatchStatus()
    expect(store.getState().watchStatus.loading).toBe(true)
    answer.resolve(watch(1))
    await loading
    expect(store.getState().watchStatus).toMatchObject({ value: { attention: 1 }, loading: false })
    store.getState().applyWatchStatus(watch(3))
    expect(store.getState().watchStatus.value?.attention).toBe(3)
  })

  it('holds the changes per base, keeps them when a read fails, and reads again each time it is asked', async () => {
    let fail = false
    const bridge = installFakeBridge({
      'watch.changes': ({ base }) => {
        if (fail) throw new MainError({ code: 'INTERNAL', message: 'The history could not be read.', retryable: true })
        return base === 'last-scan' ? changes('s2') : null
      }
    })
    const store = createAppStore()
    await store.getState().loadWatchChanges('last-scan')
    await store.getState().loadWatchChanges('yesterday')
    expect(store.getState().watchChanges['last-scan']).toMatchObject({ value: { scanId: 's2' }, loading: false })
    expect(store.getState().watchChanges['yesterday']).toMatchObject({ value: null, loading: false })
    fail = true
    await store.getState().loadWatchChanges('last-scan')
    expect(store.getState().watchChanges['last-scan']).toMatchObject({ value: { scanId: 's2' }, error: 'The history could not be read.' })
    expect(store.getState().watchChanges['yesterday']?.error).toBeUndefined()
    expect(bridge.callsTo('watch.changes')).toHaveLength(3)
  })

  it('sends one read of the same changes at a time, and one more after it for asks made during it', async () => {
    const answers = [deferred<ChangeSet | null>(), deferred<ChangeSet | null>()]
    const bridge = installFakeBridge({ 'watch.changes': () => answers[bridge!.callsTo('watch.changes').length - 1]!.promise })
    const store = createAppStore()
    const reads = [store.getState().loadWatchChanges('last-scan'), store.getState().loadWatchChanges('last-scan'), store.getState().loadWatchChanges('last-scan')]
    expect(bridge.callsTo('watch.changes')).toHaveLength(1)
    answers[0]!.resolve(changes('s1'))
    answers[1]!.resolve(changes('s2'))
    await Promise.all(reads)
    expect(bridge.callsTo('watch.changes')).toHaveLength(2)
    expect(store.getState().watchChanges['last-scan']?.value).toMatchObject({ scanId: 's2' })
  })
})
