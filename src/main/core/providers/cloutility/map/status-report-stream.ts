// A business unit's status report, parsed while it arrives (the HTTP door's BodyStream): each
// node report is mapped and visited as soon as its bytes are in, so the fleet scan's parsing and
// mapping overlap the wire instead of waiting for the last of ~5 MB. Measured against
// @streamparser/json: see docs/performance.md before changing anything here.
//
// It visits exactly what eachNodeReport(JSON.parse(body)) visits, in the same order, and refuses
// (UnreadableBody) exactly the bodies parseJsonBody refuses. How:
// * A byte scanner follows the report's structure: report objects (the root, and each object of
//   a `childReports` array) and their `nodeReports` arrays. Every structural byte is ASCII and
//   no byte of a multi-byte UTF-8 character is, so chunk boundaries may fall anywhere.
// * The elements of a `nodeReports` array are parsed by JSON.parse, a chunk's worth at a time
//   (`[` + every element complete in the chunk + `]`), and each object among them is mapped by
//   toNodeReport (the same guard and constructor as before; other elements are skipped as before).
//   Where a chunk's elements end is first guessed (its last `},{`, as compact JSON joins objects)
//   and proved by that parse, so only the bytes after the guess are scanned one by one; a wrong
//   guess (a `},{` inside a string, or past the array) fails to parse and the chunk is scanned.
// * Everything else (the skeleton: the report's own fields, child summaries, separators, with each
//   parsed batch standing in as `null`) is kept and JSON.parsed at the end, so the whole body is
//   checked as strictly as one JSON.parse: a body is valid exactly when its skeleton and every
//   batch are (a batch is a comma-separated list of values, which `null` stands for).
// * A report's own node reports come before its children's (eachNodeReport's order): children
//   that arrive first wait, mapped, until the report's own `nodeReports` ended.
// * Bodies that do not open with `{` (after ASCII whitespace and one BOM) carry no node report
//   streaming could find early: they are kept whole and read the old way, so an odd start (a
//   second BOM, a no-break space that String.trim forgives) is judged exactly as before.
// One difference, deliberately stricter: a report object naming `nodeReports` or `childReports`
// twice is refused (JSON.parse keeps the last; a stream has visited the first by then).

import type { NodeReport } from '../../../../../shared/providers/cloutility/model'
import { UnreadableBody, type BodyStream } from '../../../http/body'
import type { WireNodeReport } from '../dto'
import { eachNodeReport } from './jobs-reports'
import { toNodeReport } from './node-report'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const LBRACE = 0x7b
const RBRACE = 0x7d
const LBRACKET = 0x5b
const RBRACKET = 0x5d
const COMMA = 0x2c
const COLON = 0x3a

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
const NULL_BYTES = Buffer.from('null')
/** Between two node reports as JSON.stringify writes them: the guess that spares the byte scan. */
const BOUNDARY = Buffer.from('},{')
const KEY_NODES = 'nodeReports'
const KEY_CHILDREN = 'childReports'

type Sink = (r: NodeReport) => void

const enum ReportState {
  ExpectKey,
  InKey,
  ExpectColon,
  ExpectValue
}

interface ReportFrame {
  kind: 'report'
  state: ReportState
  /** The key whose value comes next (only the two that matter are told apart). */
  key: 'nodes' | 'children' | 'other'
  keyParts: Buffer[]
  keyEscaped: boolean
  seenNodes: boolean
  seenChildren: boolean
  /** This report's own node reports are all visited: its children's may go straight out. */
  ownDone: boolean
  /** Children's node reports that arrived before this report's own ended. */
  waiting: NodeReport[]
  /** Where this report's own node reports go (its parent's place for children, or the visitor). */
  sink: Sink
}

interface NodesFrame {
  kind: 'nodes'
  /** Nesting inside the current element. */
  depth: number
  /** Bytes of the batch begun in an earlier chunk. */
  carry: Buffer[]
}

interface ChildrenFrame {
  kind: 'children'
  parent: ReportFrame
}

interface SkipFrame {
  kind: 'skip'
  /** Nesting of a skipped object or array; -1 for a scalar. */
  depth: number
  started: boolean
  /** Set when this value is a report's `nodeReports` that is not an array. */
  owner?: ReportFrame
}

type Frame = ReportFrame | NodesFrame | ChildrenFrame | SkipFrame

class StatusReportScanner {
  private stack: Frame[] = []
  /** Before the root value; whether the root is a report; the root has ended. */
  private phase: 'start' | 'report' | 'after' | 'whole' = 'start'
  private seenFirstByte = false
  private inString = false
  /** A backslash ended the last chunk inside a string: the next byte is escaped. */
  private escapeCarry = false
  private skeleton = Buffer.alloc(4096)
  private skeletonLength = 0
  /** Where a batch's bytes are gathered to be decoded (reused: a scan decodes ~80 batches). */
  private decode = Buffer.alloc(0)
  /** phase 'whole': the body, kept for the old way. */
  private whole: Buffer[] = []

  constructor(private readonly visit: Sink) {}

  reset(): void {
    this.stack = []
    this.phase = 'start'
    this.seenFirstByte = false
    this.inString = false
    this.escapeCarry = false
    this.skeletonLength = 0
    this.whole = []
  }

  write(chunk: Buffer): void {
    let p = 0
    if (!this.seenFirstByte && chunk.length) {
      this.seenFirstByte = true
      // One leading BOM is dropped, as parseJsonBody drops it.
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) p = 3
    }
    if (this.phase === 'whole') {
      this.whole.push(chunk)
      return
    }
    let skeletonFrom = p
    const n = chunk.length
    while (p < n) {
      if (this.phase === 'start') {
        const c = chunk[p] as number
        if (isSpace(c)) {
          p++
          continue
        }
        if (c !== LBRACE) {
          this.phase = 'whole'
          this.whole.push(chunk.subarray(skeletonFrom))
          return
        }
        this.phase = 'report'
        this.stack.push(newReport(this.visit))
        p++
        continue
      }
      if (this.phase === 'after') {
        // Whatever follows the root goes to the skeleton, whose parse judges it.
        p = n
        break
      }
      const top = this.stack[this.stack.length - 1] as Frame
      if (top.kind === 'nodes') {
        this.appendSkeleton(chunk, skeletonFrom, p)
        p = this.scanNodes(top, chunk, p)
        skeletonFrom = p
        continue
      }
      if (this.inString) {
        const end = this.endOfString(chunk, p, top.kind === 'report' && top.state === ReportState.InKey ? top : undefined)
        if (end < 0) {
          p = n
          break
        }
        this.inString = false
        p = end
        if (top.kind === 'report') top.state = ReportState.ExpectColon
        else if (top.kind === 'skip' && top.depth < 0) this.endValue()
        continue
      }
      const c = chunk[p] as number
      switch (top.kind) {
        case 'report':
          p = this.scanReport(top, chunk, p, c)
          break
        case 'children':
          if (c === LBRACE) {
            const parent = top.parent
            this.stack.push(newReport(parent.ownDone ? parent.sink : (r) => parent.waiting.push(r)))
          } else if (c === RBRACKET) this.stack.pop()
          else if (c !== COMMA && !isSpace(c)) {
            this.stack.push({ kind: 'skip', depth: -1, started: false })
            continue
          }
          p++
          break
        case 'skip':
          p = this.scanSkip(top, chunk, p, c)
          break
      }
    }
    this.appendSkeleton(chunk, skeletonFrom, p)
  }

  end(): void {
    if (this.phase === 'whole' || this.phase === 'start') {
      const text = Buffer.concat(this.whole).toString('utf8').replace(/^\uFEFF/, '').trim()
      if (!text) throw new UnreadableBody(true)
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        throw new UnreadableBody()
      }
      eachNodeReport(value, this.visit)
      return
    }
    // The root never closed: the body ended early.
    if (this.phase !== 'after') throw new UnreadableBody()
    try {
      JSON.parse(this.skeleton.toString('utf8', 0, this.skeletonLength).trim())
    } catch {
      throw new UnreadableBody()
    }
  }

  /** A report object's keys and values. Returns where to go on. */
  private scanReport(r: ReportFrame, b: Buffer, p: number, c: number): number {
    switch (r.state) {
      case ReportState.ExpectKey:
        if (c === QUOTE) {
          r.state = ReportState.InKey
          r.keyParts = []
          r.keyEscaped = false
          this.inString = true
        } else if (c === RBRACE) this.closeReport()
        return p + 1
      case ReportState.ExpectColon:
        if (c === COLON) r.state = ReportState.ExpectValue
        return p + 1
      case ReportState.ExpectValue: {
        if (isSpace(c)) return p + 1
        r.state = ReportState.ExpectKey
        const key = r.key
        if (key === 'nodes') {
          if (r.seenNodes) throw new UnreadableBody()
          r.seenNodes = true
          if (c === LBRACKET) {
            this.stack.push({ kind: 'nodes', depth: 0, carry: [] })
            return p + 1
          }
          this.stack.push({ kind: 'skip', depth: -1, started: false, owner: r })
          return p
        }
        if (key === 'children') {
          if (r.seenChildren) throw new UnreadableBody()
          r.seenChildren = true
          if (c === LBRACKET) {
            this.stack.push({ kind: 'children', parent: r })
            return p + 1
          }
        }
        this.stack.push({ kind: 'skip', depth: -1, started: false })
        return p
      }
      default:
        return p + 1
    }
  }

  /** A value nobody reads: a string, a scalar, or an object or array skipped whole. */
  private scanSkip(s: SkipFrame, b: Buffer, p: number, c: number): number {
    if (!s.started) {
      s.started = true
      if (c === QUOTE) {
        this.inString = true
        return p + 1
      }
      if (c === LBRACE || c === LBRACKET) {
        s.depth = 1
        return p + 1
      }
      if (c === COMMA || c === RBRACE || c === RBRACKET) {
        // No value where one belongs (malformed; the skeleton's parse refuses it): step over the
        // byte so that scanning always moves on.
        this.endValue()
        return p + 1
      }
    }
    if (s.depth < 0) {
      // A scalar ends at the first byte that cannot be part of it (not consumed).
      for (const n = b.length; p < n; p++) {
        const x = b[p] as number
        if (x === COMMA || x === RBRACE || x === RBRACKET || isSpace(x)) {
          this.endValue()
          return p
        }
      }
      return p
    }
    for (const n = b.length; p < n; p++) {
      const x = b[p] as number
      if (x === QUOTE) {
        const end = this.endOfString(b, p + 1)
        if (end < 0) {
          this.inString = true
          // Resumes as a string inside this container: depth stays, the frame is not a scalar.
          return b.length
        }
        p = end - 1
      } else if (x === LBRACE || x === LBRACKET) s.depth++
      else if (x === RBRACE || x === RBRACKET) {
        if (--s.depth === 0) {
          this.endValue()
          return p + 1
        }
      }
    }
    return p
  }

  /**
   * The elements of a `nodeReports` array: scanned for where each ends, and parsed and visited a
   * chunk's worth at a time. Returns where the skeleton goes on (after the closing `]`), or the
   * chunk's end.
   */
  private scanNodes(f: NodesFrame, b: Buffer, from: number): number {
    const n = b.length
    // The cheap way first: guess that the chunk's last `},{` separates two elements and parse
    // everything up to it in one call. The parse is the check: it succeeds only when the guess
    // is right (see guessedBatch), and only the bytes after the guess are scanned below.
    const guess = n - from >= 3 ? b.lastIndexOf(BOUNDARY, n - 3) : -1
    if (guess >= from && this.guessedBatch(f, b, from, guess + 1)) {
      this.appendSkeleton(b, guess + 1, guess + 2)
      from = guess + 2
      f.depth = 0
      this.inString = false
      this.escapeCarry = false
      if (from === n) return n
    }
    let p = from
    let depth = f.depth
    let lastComma = -1
    if (this.inString) {
      const end = this.endOfString(b, p)
      if (end < 0) {
        f.carry.push(b.subarray(from))
        return n
      }
      this.inString = false
      p = end
    }
    for (; p < n; p++) {
      const x = b[p] as number
      if (x === QUOTE) {
        const end = this.endOfString(b, p + 1)
        if (end < 0) {
          this.inString = true
          p = n
          break
        }
        p = end - 1
      } else if (x === LBRACE || x === LBRACKET) depth++
      else if (x === RBRACE || x === RBRACKET) {
        if (depth === 0) {
          // The array's end: the last batch, then the skeleton goes on from `]`.
          this.batch(f, b, from, p)
          this.stack.pop()
          const owner = this.stack[this.stack.length - 1] as ReportFrame
          this.ownDone(owner)
          return p
        }
        depth--
      } else if (x === COMMA && depth === 0) lastComma = p
    }
    f.depth = depth
    if (lastComma >= 0) {
      // Every element before the last separator is complete: parse them now.
      this.batch(f, b, from, lastComma)
      this.appendSkeleton(b, lastComma, lastComma + 1)
      if (lastComma + 1 < n) f.carry.push(b.subarray(lastComma + 1))
    } else if (from < n) f.carry.push(b.subarray(from))
    return n
  }

  /**
   * The elements carried over plus b[from, to), where `to` ends a guessed `}` before a `,{`: parsed
   * and visited when the guess was right, else nothing is changed (false). A right parse proves
   * the guess. The batch starts where an element starts, so `[` + batch reads exactly as the
   * array does up to `to`; were `to` inside a string, inside an element, or past the array's
   * end, the closing `]` would be inside that string, close something else, or follow a value
   * that already ended: no parse.
   */
  private guessedBatch(f: NodesFrame, b: Buffer, from: number, to: number): boolean {
    const elements = this.parseElements(f.carry, b, from, to)
    if (!elements) return false
    f.carry = []
    this.visitElements(elements)
    return true
  }

  /** Parses the elements carried over plus b[from, to) and visits each node report among them. */
  private batch(f: NodesFrame, b: Buffer, from: number, to: number): void {
    const carry = f.carry
    f.carry = []
    // A batch of nothing but (JSON's) whitespace adds no `null`: `[a, ,b]` and `[a,]` stay malformed.
    if (isBlank(carry, b, from, to)) return
    const elements = this.parseElements(carry, b, from, to)
    if (!elements) throw new UnreadableBody()
    this.visitElements(elements)
  }

  /**
   * `[` + carried bytes + b[from, to) + `]`, JSON.parsed: the elements, or undefined when that is
   * not JSON. The bytes are gathered in one reused buffer and decoded once (a carry may end inside
   * a multi-byte character, so its parts cannot be decoded apart).
   */
  private parseElements(carry: Buffer[], b: Buffer, from: number, to: number): unknown[] | undefined {
    let length = to - from + 2
    for (const part of carry) length += part.length
    if (length > this.decode.length) this.decode = Buffer.alloc(Math.max(length, this.decode.length * 2))
    const d = this.decode
    d[0] = LBRACKET
    let at = 1
    for (const part of carry) at += part.copy(d, at)
    at += b.copy(d, at, from, to)
    d[at++] = RBRACKET
    try {
      return JSON.parse(d.toString('utf8', 0, at)) as unknown[]
    } catch {
      return undefined
    }
  }

  private visitElements(elements: unknown[]): void {
    this.appendSkeleton(NULL_BYTES, 0, 4)
    const owner = this.stack[this.stack.length - 2] as ReportFrame
    const sink = owner.sink
    for (const w of elements) {
      const r = toNodeReport(w as WireNodeReport)
      if (r) sink(r)
    }
  }

  /**
   * In a string at `from` (just after its opening quote, or where the last chunk left it): the
   * index just past its closing quote, or -1 when it goes on into the next chunk. A key's bytes
   * are kept for `key`.
   */
  private endOfString(b: Buffer, from: number, key?: ReportFrame): number {
    let p = from
    const n = b.length
    if (this.escapeCarry) {
      if (p >= n) return -1
      this.escapeCarry = false
      if (key) key.keyEscaped = true
      p++
    }
    for (;;) {
      const q = b.indexOf(QUOTE, p)
      if (q < 0) {
        let run = 0
        for (let k = n - 1; k >= p && b[k] === BACKSLASH; k--) run++
        this.escapeCarry = run % 2 === 1
        if (key) key.keyParts.push(b.subarray(from, n))
        return -1
      }
      let run = 0
      for (let k = q - 1; k >= p && b[k] === BACKSLASH; k--) run++
      if (run % 2 === 0) {
        if (key) {
          key.keyParts.push(b.subarray(from, q))
          key.key = keyOf(key)
        }
        return q + 1
      }
      p = q + 1
    }
  }

  /** A skipped value ended: pop it, and tell its report when it was that report's `nodeReports`. */
  private endValue(): void {
    const s = this.stack.pop() as SkipFrame
    if (s.owner) this.ownDone(s.owner)
  }

  private ownDone(r: ReportFrame): void {
    r.ownDone = true
    for (const w of r.waiting) r.sink(w)
    r.waiting = []
  }

  private closeReport(): void {
    const r = this.stack.pop() as ReportFrame
    this.ownDone(r)
    if (this.stack.length === 0) this.phase = 'after'
  }

  private appendSkeleton(b: Buffer, from: number, to: number): void {
    const length = to - from
    if (length <= 0) return
    if (this.skeletonLength + length > this.skeleton.length) {
      const grown = Buffer.alloc(Math.max(this.skeleton.length * 2, this.skeletonLength + length))
      this.skeleton.copy(grown, 0, 0, this.skeletonLength)
      this.skeleton = grown
    }
    b.copy(this.skeleton, this.skeletonLength, from, to)
    this.skeletonLength += length
  }
}

/** Whether the carried bytes plus b[from, to) are only JSON whitespace (or nothing). */
function isBlank(carry: Buffer[], b: Buffer, from: number, to: number): boolean {
  for (const part of carry) for (const c of part) if (!isSpace(c)) return false
  for (let p = from; p < to; p++) if (!isSpace(b[p] as number)) return false
  return true
}

function newReport(sink: Sink): ReportFrame {
  return { kind: 'report', state: ReportState.ExpectKey, key: 'other', keyParts: [], keyEscaped: false, seenNodes: false, seenChildren: false, ownDone: false, waiting: [], sink }
}

/** Which key a report's key string is (decoded as JSON.parse would, escapes and all). */
function keyOf(r: ReportFrame): ReportFrame['key'] {
  const raw = r.keyParts.length === 1 ? (r.keyParts[0] as Buffer) : Buffer.concat(r.keyParts)
  let key: string
  if (!r.keyEscaped && raw.indexOf(BACKSLASH) < 0) key = raw.toString('utf8')
  else {
    try {
      key = JSON.parse(`"${raw.toString('utf8')}"`) as string
    } catch {
      // A broken escape: the skeleton's parse refuses the body at its end.
      return 'other'
    }
  }
  return key === KEY_NODES ? 'nodes' : key === KEY_CHILDREN ? 'children' : 'other'
}

/**
 * A BodyStream for a status report that hands each node report to `visit` as it is read. With
 * `restart`, the HTTP door may try the call again after a broken transfer: the scanner starts over
 * and `restart` tells the caller to forget what it was handed. Without it, a call that handed
 * anything over is not repeated.
 */
export function statusReportStream(visit: Sink, restart?: () => void): BodyStream<void> {
  const scanner = new StatusReportScanner(visit)
  return {
    write: (chunk) => scanner.write(chunk),
    end: () => scanner.end(),
    ...(restart
      ? {
          reset: () => {
            scanner.reset()
            restart()
          }
        }
      : {})
  }
}
