// The status report read while it arrives: the same node reports, in the same order, as
// eachNodeReport over the whole body, and the same refusals as the whole body's JSON.parse,
// wherever the chunk boundaries fall.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { UnreadableBody } from '../../../../src/main/core/http/body'
import { eachNodeReport } from '../../../../src/main/core/providers/cloutility/map/jobs-reports'
import { statusReportStream } from '../../../../src/main/core/providers/cloutility/map/status-report-stream'

type Outcome = { ok: true; visited: unknown[] } | { ok: false; empty: boolean }

/** What the whole-body path makes of these bytes (parseJsonBody's reading, then eachNodeReport). */
function whole(bytes: Buffer): Outcome {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '').trim()
  if (!text) return { ok: false, empty: true }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, empty: false }
  }
  const visited: unknown[] = []
  eachNodeReport(value, (r) => visited.push({ ...r }))
  return { ok: true, visited }
}

/** The same bytes streamed, cut at `cuts` (byte offsets). */
function streamed(bytes: Buffer, cuts: number[]): Outcome {
  const visited: unknown[] = []
  const stream = statusReportStream((r) => visited.push({ ...r }))
  try {
    let from = 0
    for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
      stream.write(bytes.subarray(from, cut))
      from = cut
    }
    stream.write(bytes.subarray(from))
    stream.end()
  } catch (err) {
    if (!(err instanceof UnreadableBody)) throw err
    return { ok: false, empty: err.empty }
  }
  return { ok: true, visited }
}

/** Every way of cutting `bytes` in two, and byte by byte. */
function expectSameEverywhere(bytes: Buffer): void {
  const expected = whole(bytes)
  for (let i = 0; i <= bytes.length; i++) expect(streamed(bytes, [i]), `cut at ${i}`).toEqual(expected)
  expect(streamed(bytes, Array.from({ length: bytes.length }, (_, i) => i)), 'byte by byte').toEqual(expected)
}

const node = (id: number, extra: Record<string, unknown> = {}) => ({ id, name: `WS-${id}`, consumerId: id * 10, tsmName: `WS${id}`, status: { id: 4, name: 'Error' }, megaBytes: id, ...extra })

describe('status report stream: chunk boundaries', () => {
  it('visits the same node reports wherever the chunks are cut: inside strings, escapes and multi-byte UTF-8', () => {
    const report = {
      businessUnit: { id: 2, name: 'Nörd "Provider" {[' },
      summaries: [{ status: { id: 1, name: 'Ok' }, count: 2 }],
      nodeReports: [
        node(1, { name: 'Kund AB: räksmörgås 😀 \u2028', tsmName: 'back\\slash"quote}' }),
        null,
        'not a report',
        [node(9)],
        node(2, { name: '\u0000\u001f escaped controls', warnings: [{ type: { id: 5, name: 'Backup failed ]}' }, status: { id: 4, name: 'Error' } }] }),
        node(3, { name: '\\' })
      ],
      childReports: [{ nodeReports: [node(4, { name: '日本語' })], childReports: [{ nodeReports: [node(5)] }] }, 7, 'x']
    }
    const bytes = Buffer.from(JSON.stringify(report, null, 1))
    expectSameEverywhere(bytes)
    const out = streamed(bytes, [])
    expect(out.ok && out.visited.map((r) => (r as { id: number }).id)).toEqual([1, 2, 3, 4, 5])
  })

  it('reads escapes as JSON does: an escaped key names nodeReports, an escaped quote does not end a string', () => {
    const text = '{"node\\u0052eports": [{"id": 1, "name": "a\\"}, {\\"id\\": 2}"}, {"id": 3, "name": "\\\\"}], "x": "\\\\\\""}'
    expectSameEverywhere(Buffer.from(text))
    const out = streamed(Buffer.from(text), [])
    expect(out.ok && out.visited.map((r) => (r as { id: number }).id)).toEqual([1, 3])
  })

  it("keeps eachNodeReport's order when children arrive before a report's own node reports", () => {
    const report = {
      childReports: [
        { childReports: [{ nodeReports: [node(30)] }], nodeReports: [node(20)] },
        { nodeReports: [node(40)] }
      ],
      nodeReports: [node(10), node(11)]
    }
    const bytes = Buffer.from(JSON.stringify(report))
    const out = streamed(bytes, [17, 60])
    expect(out.ok && out.visited.map((r) => (r as { id: number }).id)).toEqual([10, 11, 20, 30, 40])
    expectSameEverywhere(bytes)
  })

  it('matches the whole-body reading on generated reports cut at random places', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', '\\u0022', 'é', '😀'))
    const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null))
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(text, scalar, { maxKeys: 3 }))
    const nodeReport = fc.record({ id: fc.integer({ min: 1, max: 1e6 }), name: text, consumerId: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), extra: value }, { requiredKeys: ['id'] })
    const { report } = fc.letrec((tie) => ({
      report: fc.record(
        {
          nodeReports: fc.oneof(fc.array(fc.oneof(nodeReport, nodeReport, value), { maxLength: 5 }), value),
          childReports: fc.oneof(fc.array(fc.oneof(tie('report'), value), { maxLength: 3 }), value),
          name: text,
          other: value
        },
        { requiredKeys: [] }
      )
    }))
    fc.assert(
      fc.property(report, fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), (r, pretty, rawCuts) => {
        const bytes = Buffer.from(pretty ? JSON.stringify(r, null, 2) : JSON.stringify(r))
        expect(streamed(bytes, rawCuts.map((c) => c % (bytes.length + 1)))).toEqual(whole(bytes))
      }),
      { numRuns: 400 }
    )
  })
})

describe('status report stream: the `},{` guess between node reports', () => {
  // Compact JSON (as the service and the simulator send it): node reports joined by `},{`, which
  // the stream takes as the likely end of an element and proves with the parse.
  const compact = (nodeReports: unknown[], rest: Record<string, unknown> = {}) => Buffer.from(JSON.stringify({ status: { id: 1 }, nodeReports, ...rest }))

  it('is not fooled by a `},{` inside a string value, wherever the chunks are cut', () => {
    const bytes = compact([node(1, { name: 'a},{"id":99,"consumerId":990}' }), node(2, { tsmName: '},{' }), node(3, { name: '\\"},{"' })])
    expectSameEverywhere(bytes)
    const out = streamed(bytes, [])
    expect(out.ok && out.visited.map((r) => (r as { id: number }).id)).toEqual([1, 2, 3])
    // The chunk ends right after the `},{` inside the first name: the guess is wrong, the scan takes over.
    const inName = bytes.indexOf('},{"id":99') + 3
    const cut = streamed(bytes, [inName])
    expect(cut.ok && cut.visited.map((r) => (r as { id: number }).id)).toEqual([1, 2, 3])
  })

  it('reads a boundary split across chunks: after `}`, after `},`, and a chunk of nothing but `},{`', () => {
    const bytes = compact([node(1), node(2, { warnings: [{ type: { id: 2 } }, { type: { id: 3 } }] }), node(3), node(4)])
    const boundaries: number[] = []
    for (let at = bytes.indexOf('},{'); at >= 0; at = bytes.indexOf('},{', at + 1)) boundaries.push(at)
    const expected = whole(bytes)
    expect(expected.ok && expected.visited).toHaveLength(4)
    for (const at of boundaries) {
      expect(streamed(bytes, [at + 1]), `cut after } at ${at}`).toEqual(expected)
      expect(streamed(bytes, [at + 2]), `cut after }, at ${at}`).toEqual(expected)
      expect(streamed(bytes, [at, at + 3]), `the boundary alone at ${at}`).toEqual(expected)
    }
  })

  it("does not take a `},{` past the node reports' end (in the child reports) for one of theirs", () => {
    const bytes = compact([node(1), node(2)], { childReports: [{ nodeReports: [node(3)] }, { nodeReports: [node(4), node(5)] }] })
    expectSameEverywhere(bytes)
    const out = streamed(bytes, [])
    expect(out.ok && out.visited.map((r) => (r as { id: number }).id)).toEqual([1, 2, 3, 4, 5])
  })

  it('refuses malformed node reports between good ones, however they are cut', () => {
    const good = compact([node(1), node(2), node(3)])
    const text = good.toString('utf8')
    const broken = [
      text.replace('},{', '},,{'),
      text.replace('},{', '}{'),
      text.replace('"id":2', '"id":2,'),
      text.replace('"id":2', '"id":"2'),
      text.replace(/\}\]\}$/, '}'),
      text.replace(/\}\]\}$/, '},{]}')
    ]
    for (const body of broken) {
      const bytes = Buffer.from(body)
      expect(whole(bytes).ok, body).toBe(false)
      for (let i = 0; i <= bytes.length; i++) expect(streamed(bytes, [i]), `${body} cut at ${i}`).toEqual({ ok: false, empty: false })
    }
  })
})

describe('status report stream: bad reports are refused as the whole body would be', () => {
  const good = Buffer.from(JSON.stringify({ status: { id: 1 }, nodeReports: [node(1), node(2, { name: 'é"}' })], childReports: [{ nodeReports: [node(3)] }] }))

  it('refuses every body cut short, wherever it was cut', () => {
    for (let i = 1; i < good.length; i++) {
      const cut = good.subarray(0, i)
      expect(streamed(cut, [Math.floor(i / 2)]), `cut at ${i}`).toEqual(whole(cut))
      expect(whole(cut).ok, `cut at ${i}`).toBe(false)
    }
  })

  it('judges malformed and hostile bodies exactly as JSON.parse of the whole body does', () => {
    const bodies = [
      '{"nodeReports": [{"id": 1},]}',
      '{"nodeReports": [{"id": 1},,{"id": 2}]}',
      '{"nodeReports": [ , ]}',
      '{"nodeReports": [\u00a0]}',
      '{"nodeReports": [{"id": 1} {"id": 2}]}',
      '{"nodeReports": [{"id": 1}]} trailing',
      '{"nodeReports": [{"id": 1}]}{}',
      '{"nodeReports": [-{"id": 1}]}',
      '{"nodeReports": [{"id": 1]}',
      '{"nodeReports": [{"id": "tab\there"}]}',
      '{"nodeReports": [{"id": "\\x"}]}',
      '{"a" "b", "nodeReports": [{"id": 1}]}',
      '{"nodeReports": [{"id": 1}], "x": }',
      '{"nodeReports" [{"id": 1}]}',
      '{"childReports": [{"nodeReports": [{"id": 1}]}, ], "nodeReports": []}',
      '{"n\\qdeReports": [{"id": 1}]}',
      '  \n\t ',
      '',
      '\uFEFF',
      '\uFEFF{"nodeReports": [{"id": 1}]}',
      '\uFEFF\uFEFF{"nodeReports": [{"id": 1}]}',
      '\u00a0{"nodeReports": [{"id": 1}]}\u00a0',
      '[{"nodeReports": [{"id": 1}]}]',
      '"just text"',
      '<!DOCTYPE html><html><body>{"nodeReports": [{"id": 1}]}</body></html>',
      '{"nodeReports": null, "childReports": 5}'
    ]
    for (const text of bodies) {
      const bytes = Buffer.from(text)
      expect(streamed(bytes, [3, 9]), JSON.stringify(text)).toEqual(whole(bytes))
    }
    // An invalid UTF-8 sequence decodes as the whole body would (U+FFFD), also when cut inside it.
    const invalid = Buffer.concat([Buffer.from('{"nodeReports": [{"id": 1, "name": "a'), Buffer.from([0xe2, 0x82]), Buffer.from('"}]}')])
    expectSameEverywhere(invalid)
  })

  it('matches the whole-body verdict on randomly damaged reports', () => {
    const damage = fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('delete', 'insert'), byte: fc.constantFrom(...'{}[],:"\\ x1-'.split('').map((c) => c.charCodeAt(0))) }), { minLength: 1, maxLength: 3 })
    fc.assert(
      fc.property(damage, fc.array(fc.nat(), { maxLength: 6 }), (edits, rawCuts) => {
        const bytes = [...good]
        for (const e of edits) {
          const at = e.at % (bytes.length + 1)
          if (e.kind === 'delete') bytes.splice(at, 1)
          else bytes.splice(at, 0, e.byte)
        }
        const b = Buffer.from(bytes)
        expect(streamed(b, rawCuts.map((c) => c % (b.length + 1)))).toEqual(whole(b))
      }),
      { numRuns: 1000 }
    )
  })

  it('refuses a report that names its node reports twice (the whole-body reading would keep only the last)', () => {
    expect(streamed(Buffer.from('{"nodeReports": [{"id": 1}], "nodeReports": [{"id": 2}]}'), [])).toEqual({ ok: false, empty: false })
    expect(streamed(Buffer.from('{"childReports": [], "childReports": []}'), [])).toEqual({ ok: false, empty: false })
  })
})

describe('status report stream: starting over', () => {
  it('forgets what it read when reset, and tells its caller to forget what it was handed', () => {
    const visited: number[] = []
    let restarts = 0
    const stream = statusReportStream(
      (r) => visited.push(r.id),
      () => {
        restarts++
        visited.length = 0
      }
    )
    const bytes = Buffer.from(JSON.stringify({ nodeReports: [node(1), node(2), node(3)] }))
    stream.write(bytes.subarray(0, 120))
    expect(visited.length).toBeGreaterThan(0)
    stream.reset?.()
    expect(restarts).toBe(1)
    stream.write(bytes)
    stream.end()
    expect(visited).toEqual([1, 2, 3])
    // Without a way to tell its caller, it cannot start over: the door will not try again.
    expect(statusReportStream(() => undefined).reset).toBeUndefined()
  })
})
