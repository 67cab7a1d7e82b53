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

/** Joins a workspace a teammate added you to; their line (or its fingerprint) is what you trust. */
export function JoinWorkspaceForm(): ReactNode {
  const identity = useStore((s) => s.workspaceIdentity.value)
  const setStatus = useStore((s) => s.setWorkspace)
  const load = useStore((s) => s.loadWorkspace)
  const pushToast = useStore((s) => s.pushToast)
  const [values, setValues] = useState<RemoteValues>({ remote: '', username: '', token: '' })
  // The repository's access token is a secret: a lock empties it (the rest of the form stays).
  useClearedOnLock(() => setValues((v) => ({ ...v, token: '' })))
  const [name, setName] = useState('')
  const [inviter, setInviter] = useState('')
  const ids = { name: useId(), inviter: useId(), heading: useId() }
  const fields = useFieldProblems()
  const input = () => ({ ...remoteInput(values), name: name.trim() || identity?.name || '', inviter: inviter.trim() })
  const { save: join, edited, valueChange } = useFieldSave(fields, async () => {
    setStatus(await call('workspace.join', input()))
    await load()
    pushToast({ level: 'success', message: 'Joined the workspace.' })
  })
  return (
    <form
      className="panel"
      aria-labelledby={ids.heading}
      onSubmit={(e) => {
        e.preventDefault()
        if (fields.check(channels['workspace.join'].input, input())) void join.run()
      }}
      noValidate
    >
      <h2 id={ids.heading}>Join a workspace</h2>
      <RemoteFields
        values={values}
        problems={fields.problems}
        onChange={(next, field) => {
          setValues(next)
          edited(field)
        }}
      />
      <label htmlFor={ids.name}>Your name</label>
      <input
        id={ids.name}
        value={name || identity?.name || ''}
        onChange={valueChange('name', setName)}
        required
        maxLength={120}
        {...fieldAria(ids.name, fields.problems['name'])}
      />
      <FieldProblem fieldId={ids.name} problem={fields.problems['name']} />
      <label htmlFor={ids.inviter}>The line of the teammate who added you, or its fingerprint</label>
      <textarea
        id={ids.inviter}
        className="member-line"
        rows={3}
        value={inviter}
        onChange={valueChange('inviter', setInviter)}
        required
        spellCheck={false}
        autoComplete="off"
        placeholder="backdesk-member v1 age1… or 1a2b-3c4d-…"
        {...fieldAria(ids.inviter, fields.problems['inviter'])}
      />
      <FieldProblem fieldId={ids.inviter} problem={fields.problems['inviter']} />
      <FormActions busy={join.busy} label="Join workspace" busyLabel="Joining…" error={join.error} />
    </form>
  )
}
