import { useId, type ReactNode } from 'react'

export interface RemoteValues {
  remote: string
  username: string
  token: string
}

/** The repository fields both forms share: URL or folder, and the token for an https URL. */
export function RemoteFields({ values, onChange }: { values: RemoteValues; onChange: (values: RemoteValues) => void }): ReactNode {
  const ids = { remote: useId(), username: useId(), token: useId() }
  const https = /^https?:\/\//i.test(values.remote.trim())
  return (
    <>
      <label htmlFor={ids.remote}>Repository</label>
      <input
        id={ids.remote}
        value={values.remote}
        onChange={(e) => onChange({ ...values, remote: e.target.value })}
        placeholder="https://git.example.com/team/backdesk.git or /srv/share/backdesk.git"
        spellCheck={false}
        autoComplete="off"
        required
      />
      <p className="field-hint">Any git server over HTTPS (GitHub, GitLab, Azure DevOps, Gitea…), or a folder on this computer or a shared drive.</p>
      {https && (
        <>
          <label htmlFor={ids.token}>Access token</label>
          <input id={ids.token} type="password" value={values.token} onChange={(e) => onChange({ ...values, token: e.target.value })} autoComplete="off" />
          <p className="field-hint">Kept in the vault and only ever sent to this repository’s host.</p>
          <label htmlFor={ids.username}>User name for the token (optional)</label>
          <input id={ids.username} value={values.username} onChange={(e) => onChange({ ...values, username: e.target.value })} autoComplete="off" placeholder="backdesk" />
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
