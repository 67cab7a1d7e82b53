import type { StateCreator } from 'zustand'
import type { WorkspaceIdentity, WorkspaceStatus } from '../../../shared/model/workspace'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

// The team workspace: this technician's public identity and the workspace's status (members,
// sync, conflicts, checklists). Main pushes the status on `workspace.status`.

export interface WorkspaceSlice {
  workspace: WorkspaceStatus | null
  workspaceIdentity: WorkspaceIdentity | null
  workspaceError: string | null
  loadWorkspace(): Promise<void>
  setWorkspace(status: WorkspaceStatus): void
  setWorkspaceIdentity(identity: WorkspaceIdentity): void
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => ({
  workspace: null,
  workspaceIdentity: null,
  workspaceError: null,
  async loadWorkspace() {
    try {
      const [workspace, workspaceIdentity] = await Promise.all([call('workspace.status'), call('workspace.identity')])
      set({ workspace, workspaceIdentity, workspaceError: null })
    } catch (error) {
      set({ workspaceError: errorMessage(error) })
    }
  },
  setWorkspace: (workspace) => set({ workspace }),
  setWorkspaceIdentity: (workspaceIdentity) => set({ workspaceIdentity })
})
