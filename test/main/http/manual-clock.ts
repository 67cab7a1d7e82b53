// A deadline clock that moves only when the test moves it: a call ends at its deadline because
// the test said the time has come, never because a loaded machine was slow.

import type { DeadlineClock } from '../../../src/main/core/http/http-client'

export class ManualClock implements DeadlineClock {
  private t: number
  private readonly pending: Array<{ at: number; controller: AbortController }> = []

  constructor(start = 0) {
    this.t = start
  }

  now = (): number => this.t

  timeout = (ms: number): AbortSignal => {
    const controller = new AbortController()
    this.pending.push({ at: this.t + ms, controller })
    return controller.signal
  }

  /** Moves the clock on; every deadline that falls due fires, as AbortSignal.timeout's would. */
  advance(ms: number): void {
    this.t += ms
    for (const entry of this.pending.filter((p) => p.at <= this.t)) {
      this.pending.splice(this.pending.indexOf(entry), 1)
      entry.controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))
    }
  }
}
