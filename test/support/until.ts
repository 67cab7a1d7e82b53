// Waiting for a condition instead of for a duration.

import { setTimeout as nextCheck } from 'node:timers/promises'

/**
 * Resolves once `condition()` holds, checking it every few milliseconds on the real clock (fake
 * timers do not stop it). It has no deadline of its own: a condition that never holds fails the
 * test at the test's timeout, which guards against hangs and is no guess at the machine's speed.
 * Pass the test's `signal` where the test may outlive its checks (it stops them when it ends).
 */
export async function until(condition: () => boolean | Promise<boolean>, signal?: AbortSignal): Promise<void> {
  while (!(await condition())) {
    signal?.throwIfAborted()
    await nextCheck(5)
  }
}
