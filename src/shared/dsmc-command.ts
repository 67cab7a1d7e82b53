// The exact IBM Storage Protect client command for "restore this node's files on another machine":
// the agent machine logs in as itself and acts for the target node (-asnodename), which needs a
// proxy grant (GRANT PROXYNODE TARGET=<target> AGENT=<agent>; Cloutility's proxy endpoints).
// Dates are passed with -dateformat/-timeformat so the command means the same on every locale.

export type AgentPlatform = 'windows' | 'unix'

export interface DsmcRestoreInput {
  /** The Storage Protect node name of the machine whose backups are restored. */
  targetNodeName: string
  /** Filespace to restore from, as the server names it (e.g. /home, \\WIN01\c$). */
  filespace: string
  /** Path inside the filespace; empty = everything. */
  path?: string
  /** Where the files go on the agent machine. */
  destination: string
  agentPlatform: AgentPlatform
  /** Point in time: YYYY-MM-DD and HH:MM[:SS]; absent = the latest active versions. */
  pitDate?: string
  pitTime?: string
  /** Restore subdirectories (default true). */
  subdirectories?: boolean
  /** Overwrite files that exist at the destination (default: ask). */
  replace?: 'prompt' | 'all' | 'no'
}

const NODE_NAME = /^[A-Z0-9_.\-+&]{1,64}$/

export function dsmcProblem(input: DsmcRestoreInput): string | null {
  if (!NODE_NAME.test(input.targetNodeName.toUpperCase())) return 'The target node name is not a valid Storage Protect node name.'
  if (!input.filespace.trim()) return 'Choose a filespace.'
  if (!input.destination.trim()) return 'Enter a destination folder on the agent machine.'
  if (input.pitDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.pitDate)) return 'The point-in-time date must be YYYY-MM-DD.'
  if (input.pitTime !== undefined && !/^\d{2}:\d{2}(:\d{2})?$/.test(input.pitTime)) return 'The point-in-time time must be HH:MM or HH:MM:SS.'
  if (input.pitTime !== undefined && input.pitDate === undefined) return 'A point-in-time time needs a date.'
  if (/[\r\n\0]/.test(`${input.filespace}${input.path ?? ''}${input.destination}`)) return 'Paths cannot contain line breaks.'
  return null
}

/** POSIX shells: single quotes stop every expansion; a quote inside is closed, escaped, reopened. */
function quoteUnix(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** cmd.exe: double quotes; a double quote cannot appear in a Windows path, so refuse it. */
function quoteWindows(value: string): string {
  if (value.includes('"')) throw new Error('A Windows path cannot contain a double quote.')
  return `"${value}"`
}

function fileSpec(input: DsmcRestoreInput): string {
  const sep = input.agentPlatform === 'windows' ? '\\' : '/'
  const fsName = input.filespace.trim()
  const inner = (input.path ?? '').trim().replace(/^[\\/]+/, '').replace(/[\\/]+$/, '')
  // Braces name the filespace explicitly, so a path inside a nested mount cannot be mistaken.
  const base = `{${fsName}}`
  const joined = inner ? `${base}${sep}${inner}${sep}*` : `${base}${sep}*`
  return joined
}

function destinationDir(input: DsmcRestoreInput): string {
  const sep = input.agentPlatform === 'windows' ? '\\' : '/'
  const dest = input.destination.trim()
  // A trailing separator tells dsmc the destination is a directory.
  return dest.endsWith('/') || dest.endsWith('\\') ? dest : `${dest}${sep}`
}

export function dsmcRestoreCommand(input: DsmcRestoreInput): string {
  const problem = dsmcProblem(input)
  if (problem) throw new Error(problem)
  const quote = input.agentPlatform === 'windows' ? quoteWindows : quoteUnix
  const parts = ['dsmc', 'restore', `-asnodename=${input.targetNodeName.toUpperCase()}`]
  if (input.subdirectories !== false) parts.push('-subdir=yes')
  if (input.replace === 'all') parts.push('-replace=all')
  if (input.replace === 'no') parts.push('-replace=no')
  if (input.pitDate) {
    parts.push('-dateformat=3', `-pitdate=${input.pitDate}`)
    if (input.pitTime) parts.push('-timeformat=1', `-pittime=${input.pitTime.length === 5 ? `${input.pitTime}:00` : input.pitTime}`)
  }
  parts.push(quote(fileSpec(input)), quote(destinationDir(input)))
  return parts.join(' ')
}
