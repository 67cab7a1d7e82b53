import { describe, expect, it, vi } from 'vitest'
import type { WorkspaceIdentity, WorkspaceStatus } from '../../../src/shared/model/workspace'
import { createAppStore } from '../../../src/renderer/src/store'
import { deferred } from '../deferred'
import { installFakeBridge, MainError } from '../fake-bridge'

const status = (lastSyncAt: string) => ({ joined: true, members: [], lastSyncAt }) as unknown as WorkspaceStatus
const identity = { line: 'backdesk-member v1 age1x k Ann', fingerprint: '0123456789abcdef0123', memberId: 'm1' } as unknown as WorkspaceIdentity

describe('workspace slice', () => {
  it('reads the status and the identity, each loading until it answers', async () => {
    const answer = deferred<WorkspaceStatus>()
    installFakeBridge({ 'workspace.status': () => answer.promise, 'workspace.identity': () => identity })
    const store = createAppStore()
    const loading = store.getState().loadWorkspace()
    expect(store.getState().workspace.loading).toBe(true)
    answer.resolve(status('2026-03-04T10:00:00Z'))
    await loading
    expect(store.getState().workspace).toMatchObject({ value: { lastSyncAt: '2026-03-04T10:00:00Z' }, loading: false })
    expect(store.getState().workspaceIdentity).toMatchObject({ value: { memberId: 'm1' }, loading: false })
  })

  it('keeps the status when a read fails and says why; a pushed status replaces it and clears the reason', async () => {
    let fail = false
    installFakeBridge({
      'workspace.status': () => {
        if (fail) throw new MainError({ code: 'INTERNAL', message: 'The workspace could not be read.', retryable: true })
        return status('2026-03-04T10:00:00Z')
      },
      'workspace.identity': () => identity
    })
    const store = createAppStore()
    await store.getState().loadWorkspace()
    fail = true
    await store.getState().loadWorkspace()
    expect(store.getState().workspace).toMatchObject({ value: { lastSyncAt: '2026-03-04T10:00:00Z' }, error: 'The workspace could not be read.' })
    store.getState().setWorkspace(status('2026-03-04T11:00:00Z'))
    expect(store.getState().workspace.value?.lastSyncAt).toBe('2026-03-04T11:00:00Z')
    expect(store.getState().workspace.error).toBeUndefined()
  })

  it('sends one read of each at a time', async () => {
    const answer = deferred<WorkspaceStatus>()
    const bridge = installFakeBridge({ 'workspace.status': () => answer.promise, 'workspace.identity': () => identity })
    const store = createAppStore()
    const reads = [store.getState().loadWorkspace(), store.getState().loadWorkspace(), store.getState().loadWorkspace()]
    expect(bridge.callsTo('workspace.status')).toHaveLength(1)
    answer.resolve(status('2026-03-04T10:00:00Z'))
    await Promise.all(reads)
    expect(bridge.callsTo('workspace.status')).toHaveLength(2)
    expect(bridge.callsTo('workspace.identity')).toHaveLength(2)
  })

  it('does not put a status read before a push over the pushed one: it reads once more instead', async () => {
    const answers = [deferred<WorkspaceStatus>(), deferred<WorkspaceStatus>()]
    let reads = 0
    const bridge = installFakeBridge({ 'workspace.status': () => answers[reads++]!.promise, 'workspace.identity': () => identity })
    const store = createAppStore()
    const loading = store.getState().loadWorkspace()
    // Main pushes after a sync while the read (answered before the sync) is on its way back.
    store.getState().setWorkspace(status('2026-03-04T11:00:00Z'))
    answers[0]!.resolve(status('2026-03-04T10:00:00Z'))
    await vi.waitFor(() => expect(bridge.callsTo('workspace.status')).toHaveLength(2))
    expect(store.getState().workspace.value?.lastSyncAt).toBe('2026-03-04T11:00:00Z')
    answers[1]!.resolve(status('2026-03-04T11:00:00Z'))
    await loading
    expect(store.getState().workspace).toMatchObject({ value: { lastSyncAt: '2026-03-04T11:00:00Z' }, loading: false })
  })
})
