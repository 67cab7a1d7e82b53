import type { HandlerMap } from '../ipc/router'
import type { CredentialImportService } from '../credential-import/credential-import.service'
import type { WorkspaceService } from './workspace.service'

type WorkspaceChannel = Extract<keyof HandlerMap, `workspace.${string}`>
export type WorkspaceHandlers = Pick<HandlerMap, WorkspaceChannel>

export function createWorkspaceHandlers(service: WorkspaceService, imports: CredentialImportService): WorkspaceHandlers {
  return {
    'workspace.credentials.preview': (input) => imports.preview(input),
    'workspace.credentials.import': (input) => imports.commit(input),
    'workspace.credentials.cancel': (input) => imports.cancel(input.importId),
    'workspace.identity': (input) => service.identity(input?.name),
    'workspace.status': () => service.status(),
    'workspace.create': (input) => service.create(input),
    'workspace.join': (input) => service.join(input),
    'workspace.leave': () => service.leave(),
    'workspace.sync': () => service.sync(),
    'workspace.share': (input) => service.share(input),
    'workspace.members.add': (input) => service.addMember(input),
    'workspace.members.inspect': (input) => service.inspectMemberLine(input),
    'workspace.members.remove': (input) => service.removeMember(input),
    'workspace.conflicts.resolve': (input) => service.resolveConflict(input),
    'workspace.removals.mark': (input) => service.markRotated(input),
    'workspace.removals.dismiss': (input) => service.dismissRemoval(input)
  }
}
