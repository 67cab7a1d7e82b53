import { useId, useState, type ReactNode } from 'react'
import { call } from '../../api'
import { channels } from '../../../../shared/contract'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useStore } from '../../store'
import { RemoteFields, remoteInput, type RemoteValues } from './RemoteFields'
import { FormActions } from '../../components/FormActions'
import { useClearedOnLock } from '../../store/use-cleared-on-lock'

/** A new workspace in an empty repository, with you as its first member. */
export function CreateWorkspaceForm(): ReactNode {
  const identity = useStore((s) => s.workspaceIdentity.value)
  const setStatus = useStore((s) => s.setWorkspace)
  const load = useStore((s) => s.loadWorkspace)
  const pushToast = useStore((s) => s.pushToast)
  const [values, setValues] = useState<RemoteValues>({ remote: '', username: '', token: '' })
  // The repository's access token is a secret: a lock empties it (the rest of the form stays).
  useClearedOnLock(() => setValues((v) => ({ ...v, token: '' })))
  const [name, setName] = useState('')
  const nameId = useId()
  const headingId = useId()
  const fields = useFieldProblems()
  const input = () => ({ ...remoteInput(values), name: name.trim() || identity?.name || '' })
  const { save: create, edited, valueChange } = useFieldSave(fields, async () => {
    setStatus(await call('workspace.create', input()))
    await load()
    pushToast({ level: 'success', message: 'Workspace created. Add your teammates from their member lines.' })
  })
  return (
    <form
      className="panel"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault()
        if (fields.check(channels['workspace.create'].input, input())) void create.run()
      }}
      noValidate
    >
      <h2 id={headingId}>Create a workspace</h2>
      <RemoteFields
        values={values}
        problems={fields.problems}
        onChange={(next, field) => {
          setValues(next)
          edited(field)
        }}
      />
      <label htmlFor={nameId}>Your name</label>
      <input
        id={nameId}
        value={name || identity?.name || ''}
        onChange={valueChange('name', setName)}
        required
        maxLength={120}
        {...fieldAria(nameId, fields.problems['name'])}
      />
      <FieldProblem fieldId={nameId} problem={fields.problems['name']} />
      <FormActions busy={create.busy} label="Create workspace" busyLabel="Creating…" error={create.error} />
    </form>
  )
}
