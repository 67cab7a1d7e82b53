import { describe, expect, it } from 'vitest'
import type { FleetProgress, FleetReview, FleetRow, FleetScanResult } from '../../../src/shared/model/fleet'
import { createAppStore, hasAnswered, selectFleetScan } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const progress = (scanId: string, state: FleetProgress['state'], rowCount = 0): FleetProgress => ({
  scanId,
  state,
  scope: {},
  startedAt: '2026-03-04T10:00:00Z',
  done: 0,
  total: 3,
  rowCount,
  notes: []
})

const row = (key: string) => ({ key, connectionId: 'c1', connectionName: 'C1', customer: '', object: key, status: 'ok', detail: '' }) as unknown as FleetRow
const result = (scanId: string, keys: string[]): FleetScanResult => ({ ...progress(scanId, 'done', keys.length), rows: keys.map(row) }) as FleetScanResult
const review = (key: string): FleetReview => ({ key, state: 'acknowledged', updatedAt: '2026-03-04T10:00:00Z' }) as FleetReview
const broken = (message: string) => new MainError({ code: 'INTERNAL', message, retryable: true })

describe('fleet slice', () => {
  it('is loading while the scan and reviews are read, then holds both; no scan yet is an answer too', async () => {
    const status = deferred<FleetScanResult | null>()
    const bridge = installFakeBridge({ 'fleet.scan.status': () => status.promise, 'fleet.review.list': () => [review('a')] })
    const store = createAppStore()
    expect(hasAnswered(store.getState().fleetScan)).toBe(false)
    const loading = store.getState().loadFleet()
    expect(store.getState().fleetScan.loading).toBe(true)
    status.resolve(result('s1', ['a', 'b']))
    await loading
    expect(store.getState().fleetScan).toMatchObject({ value: { scanId: 's1', rowCount: 2 }, loading: false })
    expect(store.getState().fleetScan.value).not.toHaveProperty('rows')
    expect(store.getState().fleetRows.map((r) => r.key)).toEqual(['a', 'b'])
    expect(Object.keys(store.getState().fleetReviews)).toEqual(['a'])

    bridge.remove()
    installFakeBridge({ 'fleet.scan.status': () => null, 'fleet.review.list': () => [] })
    const empty = createAppStore()
    await empty.getState().loadFleet()
    expect(selectFleetScan(empty.getState())).toBeNull()
    expect(hasAnswered(empty.getState().fleetScan)).toBe(true)
  })

  it('keeps the scan and its rows when a read or a start fails, says why, and clears it when a start goes through', async () => {
    let fail = false
    installFakeBridge({
      'fleet.scan.status': () => {
        if (fail) throw broken('The scan history could not be read.')
        return result('s1', ['a'])
      },
      'fleet.review.list': () => [],
      'fleet.scan.start': () => {
        if (fail) throw broken('A scan could not start.')
        return progress('s2', 'running')
      }
    })
    const store = createAppStore()
    await store.getState().loadFleet()
    fail = true
    await store.getState().loadFleet()
    expect(store.getState().fleetScan).toMatchObject({ value: { scanId: 's1' }, error: 'The scan history could not be read.', loading: false })
    await store.getState().startFleetScan()
    expect(store.getState().fleetScan).toMatchObject({ value: { scanId: 's1' }, error: 'A scan could not start.' })
    expect(store.getState().fleetRows).toHaveLength(1)
    fail = false
    await store.getState().startFleetScan()
    expect(store.getState().fleetScan.value?.scanId).toBe('s2')
    expect(store.getState().fleetScan.error).toBeUndefined()
    expect(store.getState().fleetRows).toEqual([])
  })

  it('takes pushed progress: a new running scan replaces the old one, an older scan ending later does not', () => {
    installFakeBridge()
    const store = createAppStore()
    store.getState().applyFleetProgress(progress('s1', 'running', 1))
    expect(store.getState().fleetScan).toMatchObject({ value: { scanId: 's1', rowCount: 1 }, loading: false })
    expect(store.getState().fleetScan.loadedAt).toBeDefined()
    store.getState().applyFleetProgress(progress('s2', 'running'))
    store.getState().applyFleetProgress(progress('s1', 'cancelled', 1))
    expect(store.getState().fleetScan.value).toMatchObject({ scanId: 's2', state: 'running' })
    store.getState().applyFleetProgress(progress('s2', 'done', 4))
    expect(store.getState().fleetScan.value).toMatchObject({ scanId: 's2', state: 'done', rowCount: 4 })
  })

  it('keeps the rows progress already brought when a read of the same scan answers with fewer', async () => {
    const status = deferred<FleetScanResult | null>()
    installFakeBridge({ 'fleet.scan.status': () => status.promise, 'fleet.review.list': () => [] })
    const store = createAppStore()
    store.getState().applyFleetProgress(progress('s1', 'running', 2))
    store.setState({ fleetRows: [row('a'), row('b')] })
    const loading = store.getState().loadFleet()
    status.resolve(result('s1', ['a']))
    await loading
    expect(store.getState().fleetRows.map((r) => r.key)).toEqual(['a', 'b'])
    expect(store.getState().fleetScan.value).toMatchObject({ scanId: 's1', rowCount: 2 })
  })

  it('sends one read at a time, and one more for the asks made during it', async () => {
    const answers = [deferred<FleetScanResult | null>(), deferred<FleetScanResult | null>()]
    const bridge = installFakeBridge({ 'fleet.scan.status': () => answers[bridge!.callsTo('fleet.scan.status').length - 1]!.promise, 'fleet.review.list': () => [] })
    const store = createAppStore()
    const reads = [store.getState().loadFleet(), store.getState().loadFleet(), store.getState().loadFleet()]
    expect(bridge.callsTo('fleet.scan.status')).toHaveLength(1)
    answers[0]!.resolve(null)
    answers[1]!.resolve(result('s1', ['a']))
    await Promise.all(reads)
    expect(bridge.callsTo('fleet.scan.status')).toHaveLength(2)
    expect(selectFleetScan(store.getState())?.scanId).toBe('s1')
  })
})
