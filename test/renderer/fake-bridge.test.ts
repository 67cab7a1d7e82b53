import { describe, expect, it } from 'vitest'
import { installFakeBridge } from './fake-bridge'

// The tests of this file run in order: the second sees what the first left behind.
describe('the fake bridge', () => {
  const found = window.backdesk

  it('answers and records while the test that installed it runs, a second install over the first too', async () => {
    const first = installFakeBridge({ 'app.about': () => ({ version: '1' }) as never })
    installFakeBridge()
    expect(window.backdesk).not.toBe(found)
    first.remove()
    const again = installFakeBridge({ 'app.about': () => ({ version: '2' }) as never })
    await expect(window.backdesk?.invoke['app.about']({})).resolves.toMatchObject({ ok: true, value: { version: '2' } })
    expect(again.callsTo('app.about')).toHaveLength(1)
  })

  it('is gone once that test finished, however many were installed', () => {
    expect(window.backdesk).toBe(found)
  })
})
