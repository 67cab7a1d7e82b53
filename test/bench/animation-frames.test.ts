import { describe, expect, it } from 'vitest'
import { animationFrames } from './animation-frames'

const meta = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, ts: 0, args: { name } })
const task = (pid: number, tid: number, ts: number, dur: number, tdur = dur) => ({ ph: 'X', name: 'ThreadControllerImpl::RunTask', pid, tid, ts, dur, tdur })
const frame = (pid: number, id: string, ts: number, end: number) => [
  { ph: 'b', name: 'AnimationFrame', pid, tid: 1, ts, id },
  { ph: 'e', name: 'AnimationFrame', pid, tid: 1, ts: end, id }
]

describe('animationFrames (trace reader for the renderer benchmark)', () => {
  it('pairs frame spans and counts only the renderer main thread’s tasks inside each', () => {
    const trace = {
      traceEvents: [
        meta(7, 1, 'CrRendererMain'),
        meta(7, 2, 'Compositor'),
        // Frame A: 0–16 ms, with 4 ms and 6 ms of main-thread tasks (one straddles its end; it ran
        // 3 of its 6 ms, the rest it waited for a core) and compositor work that must not count.
        ...frame(7, 'a', 0, 16_000),
        task(7, 1, 1_000, 4_000),
        task(7, 1, 13_000, 6_000, 3_000),
        task(7, 2, 2_000, 9_000),
        // A task nested in another is counted once.
        task(7, 1, 1_500, 1_000),
        // Frame B: 20–30 ms, idle but for 2 ms.
        ...frame(7, 'b', 20_000, 30_000),
        task(7, 1, 25_000, 2_000)
      ]
    }
    const frames = animationFrames(trace)
    expect(frames.map((f) => f.durationMs)).toEqual([16, 10])
    expect(frames.map((f) => f.workMs)).toEqual([4 + 3, 2])
    // Thread time: all of the first task, half of the straddling one's (3 of its 6 ms in the frame).
    expect(frames.map((f) => f.cpuMs)).toEqual([4 + 1.5, 2])
  })

  it('reads a bare event array, and ignores unmatched spans', () => {
    expect(animationFrames([...frame(1, 'x', 0, 5_000).slice(0, 1)])).toEqual([])
    expect(animationFrames([])).toEqual([])
  })
})
