import { useId, useState, type ReactNode } from 'react'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { RemoteFields, remoteInput, type RemoteValues } from './RemoteFields'

/** A new workspace in an empty repository, with you as its first member. */
export function CreateWorkspaceForm(): ReactNode {
  const identity = useStore((s) => s.workspaceIdentity)
  const setStatus = useStore((s) => s.setWorkspace)
  const load = useStore((s) => s.loadWorkspace)
  const [values, setValues] = useState<RemoteValues>({ remote: '', username: '', token: '' })
  const [name, setName] = useState('')
  const nameId = useId()
  const headingId = useId()
  const create = useAction(async () => {
    setStatus(await call('workspace.create', { ...remoteInput(values), name: name.trim() || identity?.name || '' }))
    await load()
  })
  return (
    <form
      className="panel"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault()
        void create.run()
      }}
      noValidate
    >
      <h2 id={headingId}>Create a workspace</h2>
      <RemoteFields values={values} onChange={setValues} />
      <label htmlFor={nameId}>Your name</label>
      <input id={nameId} value={name || identity?.name || ''} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      {create.error && (
        <p className="error-text" role="alert">
          {create.error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create workspace'}
        </button>
      </div>
    </form>
  )
}
