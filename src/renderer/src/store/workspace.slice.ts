import type { StateCreator } from 'zustand'
import type { WorkspaceIdentity, WorkspaceStatus } from '../../../shared/model/workspace'
import { call } from '../api'
import type { AppState } from './index'
import { latestReader, notLoaded, received, type Loadable } from './resource'

// The team workspace: this technician's public identity and the workspace's status (members,
// sync, conflicts, checklists). Main pushes the status on `workspace.status`.

export interface WorkspaceSlice {
  workspace: Loadable<WorkspaceStatus>
  workspaceIdentity: Loadable<WorkspaceIdentity>
  /** Reads the status and the identity again; one read of each at a time. */
  loadWorkspace(): Promise<void>
  setWorkspace(status: WorkspaceStatus): void
  setWorkspaceIdentity(identity: WorkspaceIdentity): void
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => {
  const readStatus = latestReader({ read: () => get().workspace, write: (workspace) => set({ workspace }) }, () => call('workspace.status'))
  const readIdentity = latestReader(
    { read: () => get().workspaceIdentity, write: (workspaceIdentity) => set({ workspaceIdentity }) },
    () => call('workspace.identity')
  )
  return {
    workspace: notLoaded(),
    workspaceIdentity: notLoaded(),
    async loadWorkspace() {
      await Promise.all([readStatus(), readIdentity()])
    },
    setWorkspace: (status) => set((s) => ({ workspace: received(s.workspace, status) })),
    setWorkspaceIdentity: (identity) => set((s) => ({ workspaceIdentity: received(s.workspaceIdentity, identity) }))
  }
}
