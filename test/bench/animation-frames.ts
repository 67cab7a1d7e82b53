// Frame time from a Chrome trace, with nothing running in the page to measure it (a probe's own
// tasks would count as work, and a requestAnimationFrame loop changes how many frames there are).
//
// Chromium accounts its frames itself: the "AnimationFrame" spans (devtools.timeline) that
// DevTools' Performance panel and the Long Animation Frames API report. A span starts with the
// first task that may need rendering (a key press, a scroll, a rAF callback) and ends when that
// frame's rendering is done. Its length is latency: it includes the wait for the next vsync. The
// work in it is the renderer main thread's tasks (toplevel RunTask events) inside the span: event
// handlers, React, style, layout and paint. A frame keeps up with a 60 Hz display when that work
// fits in 16 ms.

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  /** Thread time: how long the task ran on a core (dur counts time it waited for one too). */
  tdur?: number
  pid: number
  tid: number
  id?: string
  id2?: { local?: string; global?: string }
  args?: { name?: string }
}

export interface AnimationFrame {
  /** Start, in trace microseconds. */
  start: number
  /** First task to rendering done (ms), including any wait for the vsync. */
  durationMs: number
  /** Renderer main-thread task time inside the frame (ms). */
  workMs: number
  /**
   * The same tasks' thread time (ms): the part of workMs the main thread spent running (a task
   * straddling the frame's edge counts pro rata). workMs − cpuMs is time it was not running:
   * waiting for a core other threads or processes held, or blocked.
   */
  cpuMs: number
}

export const TRACE_CATEGORIES = ['devtools.timeline', 'toplevel']

/** A main-thread task, as the "toplevel" category names it (and as devtools.timeline's detailed mode does). */
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask'])

function eventsOf(trace: unknown): TraceEvent[] {
  return (Array.isArray(trace) ? trace : ((trace as { traceEvents?: unknown[] }).traceEvents ?? [])) as TraceEvent[]
}

/** The renderer's animation frames in a Chrome trace, in the order they began. */
export function animationFrames(trace: unknown): AnimationFrame[] {
  const events = eventsOf(trace)
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`))
  const tasksByPid = new Map<number, Array<{ start: number; end: number; thread: number }>>()
  const tasks = events.filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.dur && mainThreads.has(`${e.pid}/${e.tid}`)).sort((a, b) => a.ts - b.ts)
  for (const e of tasks) {
    const list = tasksByPid.get(e.pid) ?? []
    const last = list.at(-1)
    if (last && e.ts < last.end) continue // nested in the previous task: counted with it
    list.push({ start: e.ts, end: e.ts + (e.dur ?? 0), thread: e.tdur ?? e.dur ?? 0 })
    tasksByPid.set(e.pid, list)
  }
  const spans = events.filter((e) => e.name === 'AnimationFrame' && (e.ph === 'b' || e.ph === 'e')).sort((a, b) => a.ts - b.ts)
  const open = new Map<string, TraceEvent>()
  const frames: AnimationFrame[] = []
  for (const e of spans) {
    const key = `${e.pid}/${e.id ?? e.id2?.local ?? e.id2?.global ?? ''}`
    if (e.ph === 'b') {
      open.set(key, e)
      continue
    }
    const begin = open.get(key)
    if (!begin) continue
    open.delete(key)
    let work = 0
    let cpu = 0
    for (const t of tasksByPid.get(e.pid) ?? []) {
      const inside = Math.max(0, Math.min(t.end, e.ts) - Math.max(t.start, begin.ts))
      work += inside
      if (inside > 0) cpu += (t.thread * inside) / (t.end - t.start)
    }
    frames.push({ start: begin.ts, durationMs: (e.ts - begin.ts) / 1000, workMs: work / 1000, cpuMs: cpu / 1000 })
  }
  return frames.sort((a, b) => a.start - b.start)
}
