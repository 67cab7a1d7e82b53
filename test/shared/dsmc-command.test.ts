import { describe, expect, it } from 'vitest'
import { dsmcProblem, dsmcRestoreCommand } from '../../src/shared/dsmc-command'

describe('dsmc restore command', () => {
  it('restores a Unix filespace as the target node', () => {
    expect(
      dsmcRestoreCommand({ targetNodeName: 'web01_prod', filespace: '/home', destination: '/restore/web01', agentPlatform: 'unix' })
    ).toBe("dsmc restore -asnodename=WEB01_PROD -subdir=yes '{/home}/*' '/restore/web01/'")
  })

  it('adds a point in time with explicit date and time formats', () => {
    expect(
      dsmcRestoreCommand({
        targetNodeName: 'FS01',
        filespace: '/data',
        path: 'projects/2026',
        destination: '/tmp/r/',
        agentPlatform: 'unix',
        pitDate: '2026-11-20',
        pitTime: '21:30',
        replace: 'no'
      })
    ).toBe("dsmc restore -asnodename=FS01 -subdir=yes -replace=no -dateformat=3 -pitdate=2026-11-20 -timeformat=1 -pittime=21:30:00 '{/data}/projects/2026/*' '/tmp/r/'")
  })

  it('quotes Windows paths for cmd.exe', () => {
    expect(
      dsmcRestoreCommand({ targetNodeName: 'WIN01', filespace: '\\\\WIN01\\c$', path: '\\Users\\anna', destination: 'D:\\Restore', agentPlatform: 'windows' })
    ).toBe('dsmc restore -asnodename=WIN01 -subdir=yes "{\\\\WIN01\\c$}\\Users\\anna\\*" "D:\\Restore\\"')
  })

  it('keeps shell metacharacters inert on Unix', () => {
    const command = dsmcRestoreCommand({ targetNodeName: 'N1', filespace: "/it's $(rm -rf /)", destination: '/x', agentPlatform: 'unix' })
    expect(command).toContain("'{/it'\\''s $(rm -rf /)}/*'")
  })

  it('refuses invalid input with a reason', () => {
    expect(dsmcProblem({ targetNodeName: 'bad name!', filespace: '/', destination: '/x', agentPlatform: 'unix' })).toMatch(/node name/)
    expect(dsmcProblem({ targetNodeName: 'N', filespace: '/', destination: '', agentPlatform: 'unix' })).toMatch(/destination/)
    expect(dsmcProblem({ targetNodeName: 'N', filespace: '/', destination: '/x', agentPlatform: 'unix', pitTime: '10:00' })).toMatch(/needs a date/)
    expect(dsmcProblem({ targetNodeName: 'N', filespace: '/a\nb', destination: '/x', agentPlatform: 'unix' })).toMatch(/line breaks/)
    expect(() => dsmcRestoreCommand({ targetNodeName: 'N', filespace: '"x', destination: 'C:\\', agentPlatform: 'windows' })).toThrow()
  })
})
