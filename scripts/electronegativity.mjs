#!/usr/bin/env node
// Electronegativity exits 0 even with findings, so this gate reads its CSV report and fails on any
// HIGH finding. Medium and low findings are printed for review.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'

mkdirSync('reports', { recursive: true })
const out = 'reports/electronegativity.csv'
const run = spawnSync(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  ['electronegativity', '-i', 'src', '-e', '45.4.1', '-r', '-o', out],
  { encoding: 'utf8', timeout: 180_000 }
)
let csv
try {
  csv = readFileSync(out, 'utf8')
} catch {
  process.stderr.write(`electronegativity wrote no report (exit ${run.status}):\n${run.stderr}\n`)
  process.exit(1)
}
/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else if (ch !== '\r') cell += ch
  }
  if (cell || row.length) rows.push([...row, cell])
  return rows
}
const findings = parseCsv(csv)
  .slice(1)
  .filter((cells) => cells.length >= 5)
  .map(([issue, severity, confidence, file, location]) => ({ issue: issue.trim(), severity: severity.trim(), confidence, file, location }))
const bySeverity = {}
for (const f of findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1
for (const f of findings) process.stdout.write(`${f.severity.padEnd(6)} ${f.issue} ${f.file}:${f.location}\n`)
const high = findings.filter((f) => f.severity === 'HIGH')
process.stdout.write(`electronegativity: ${JSON.stringify(bySeverity)}\n`)
process.exit(high.length > 0 ? 1 : 0)
