import type { WorkspaceStatus } from '../../../../src/shared/model/workspace'

/** A joined, idle workspace with nothing shared, pending or removed, changed by `parts`. */
export function joinedWorkspace(parts: Partial<WorkspaceStatus> = {}): WorkspaceStatus {
  return {
    joined: true,
    remote: '/srv/team.git',
    members: [],
    sharedCount: 2,
    syncing: false,
    phase: 'idle',
    unpushed: false,
    conflicts: [],
    refused: [],
    removals: [],
    ...parts
  }
}
