import { describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import type { CloudAllyBackupTask } from '../../../../src/shared/providers/cloudally/model'
import { cloudAllyRestoreCenter } from '../../../../src/renderer/src/providers/cloudally/restore-center'
import { installFakeBridge } from '../../fake-bridge'

const connection = { id: 'c1', provider: 'cloudally', name: 'Partner', customer: '', tags: [], baseUrl: 'https://api.example', secretOrigin: 'https://api.example' } as unknown as ConnectionSummary
const task = (id: string, source: string, type: string): CloudAllyBackupTask => ({ id, name: `Northwind ${source}`, source, type, userId: 'U1', lastBackup: '2026-12-03T10:00:00.000Z', schemaIssues: [], extra: {} })
const tasks = [task('T1', 'MS365', 'MS365'), task('T2', 'GDRIVE', 'GOOGLE_WORKSPACE'), task('T3', 'SHAREPOINT_MULTI', 'SHAREPOINT')]

describe('CloudAlly in the restore center', () => {
  it('finds tasks by the source name shown and by its code, and shows the name', async () => {
    installFakeBridge({ 'cloudally.backupTasks.list': () => tasks, 'cloudally.users.list': () => [{ id: 'U1', name: 'Northwind', reportEmails: [] }] })
    const names = async (text: string) => (await cloudAllyRestoreCenter.find(connection, text)).objects.map((o) => o.ref.taskId)
    expect(await names('Exchange')).toEqual(['T1'])
    expect(await names('google drive')).toEqual(['T2'])
    expect(await names('GDRIVE')).toEqual(['T2'])
    expect(await names('SharePoint')).toEqual(['T3'])
    const { objects: found } = await cloudAllyRestoreCenter.find(connection, 'Northwind')
    expect(found.map((o) => o.detail)).toEqual(['Microsoft 365 Exchange', 'Google Drive', 'SharePoint'])
    // The options still get the code: it is what a restore is asked for.
    expect(found[0]?.ref).toMatchObject({ taskId: 'T1', source: 'MS365' })
  })
})
