import { useId, type ReactNode } from 'react'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria, type FieldProblems } from '../../components/field-problems'

export interface RemoteValues {
  remote: string
  username: string
  token: string
}

/** The repository fields both forms share: URL or folder, and the token for an https URL. */
export function RemoteFields({
  values,
  onChange,
  problems = {}
}: {
  values: RemoteValues
  /** Called with the new values and the field that changed (so its message can go). */
  onChange: (values: RemoteValues, field: keyof RemoteValues) => void
  problems?: FieldProblems
}): ReactNode {
  const ids = { remote: useId(), username: useId(), token: useId() }
  const https = /^https?:\/\//i.test(values.remote.trim())
  return (
    <>
      <label htmlFor={ids.remote}>Repository</label>
      <input
        id={ids.remote}
        value={values.remote}
        onChange={(e) => onChange({ ...values, remote: e.target.value }, 'remote')}
        placeholder="https://git.example.com/team.git"
        spellCheck={false}
        autoComplete="off"
        required
        {...fieldAria(ids.remote, problems['remote'], true)}
      />
      <FieldProblem fieldId={ids.remote} problem={problems['remote']} />
      <p className="field-hint" id={`${ids.remote}-hint`}>Any git server over HTTPS (GitHub, GitLab, Azure DevOps, Gitea…), or a folder on this computer or a shared drive.</p>
      {https && (
        <>
          <label htmlFor={ids.token}>Access token</label>
          <input id={ids.token} type="password" value={values.token} onChange={(e) => onChange({ ...values, token: e.target.value }, 'token')} autoComplete="off" {...fieldAria(ids.token, problems['token'])} />
          <FieldProblem fieldId={ids.token} problem={problems['token']} />
          <p className="field-hint">Kept in the vault and only ever sent to this repository’s host.</p>
          <label htmlFor={ids.username}>User name for the token (optional)</label>
          <input id={ids.username} value={values.username} onChange={(e) => onChange({ ...values, username: e.target.value }, 'username')} autoComplete="off" placeholder="backdesk" {...fieldAria(ids.username, problems['username'])} />
          <FieldProblem fieldId={ids.username} problem={problems['username']} />
        </>
      )}
    </>
  )
}

export function remoteInput(values: RemoteValues): { remote: string; username?: string; token?: string } {
  return {
    remote: values.remote.trim(),
    ...(values.username.trim() ? { username: values.username.trim() } : {}),
    ...(values.token ? { token: values.token } : {})
  }
}
