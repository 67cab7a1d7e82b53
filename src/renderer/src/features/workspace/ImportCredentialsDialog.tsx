import { useId, useMemo, useState, type ReactNode } from 'react'
import type { CredentialImportEntry, CredentialImportPreview, CredentialSourceFormat } from '../../../../shared/model/credential-import'
import { PROVIDERS, type ProviderKind } from '../../../../shared/model/connection'
import { call } from '../../api'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { Dialog } from '../../components/Dialog'
import { FormActions } from '../../components/FormActions'
import { useAction } from '../../components/use-action'
import { FormField } from '../../components/FormField'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useStore } from '../../store'
import { providerLabel } from '../../providers/registry'
import { useClearedOnLock } from '../../store/use-cleared-on-lock'

const FORMATS: Array<[CredentialSourceFormat, string, string]> = [
  ['kdbx', 'KeePass database (.kdbx)', '.kdbx'],
  ['bitwarden', 'Bitwarden export (unencrypted .json)', '.json,application/json'],
  ['1password', '1Password export (.csv)', '.csv,text/csv']
]

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

const entryKey = (e: CredentialImportEntry): number => e.index

/** Import from a password manager: choose the file, see every entry, choose which become connections. */
export function ImportCredentialsDialog({ onClose }: { onClose: () => void }): ReactNode {
  const loadConnections = useStore((s) => s.loadConnections)
  const [format, setFormat] = useState<CredentialSourceFormat>('kdbx')
  const [file, setFile] = useState<File | null>(null)
  const [password, setPassword] = useState('')
  useClearedOnLock(() => setPassword(''))
  const [preview, setPreview] = useState<CredentialImportPreview | null>(null)
  const [choices, setChoices] = useState<Record<number, ProviderKind | ''>>({})
  const [done, setDone] = useState<number | null>(null)
  const ids = { format: useId(), file: useId(), password: useId() }

  const fields = useFieldProblems()
  const { save: read, edited, valueChange } = useFieldSave(fields, async () => {
    if (!file) return
    const result = await call('workspace.credentials.preview', { format, file: toBase64(await file.arrayBuffer()), ...(format === 'kdbx' ? { password } : {}) })
    setPreview(result)
    setPassword('')
    // Recognised entries that can be imported are ticked; the rest wait for a choice.
    setChoices(Object.fromEntries(result.entries.map((e) => [e.index, e.detected && e.problems[e.detected] === null ? e.detected : ''])))
  })
  const chosen = useMemo(() => Object.entries(choices).filter(([, p]) => p !== '') as Array<[string, ProviderKind]>, [choices])
  const save = useAction(async () => {
    if (!preview) return
    const result = await call('workspace.credentials.import', { importId: preview.importId, entries: chosen.map(([i, provider]) => ({ index: Number(i), provider })) })
    await loadConnections()
    setDone(result.created)
  })
  const columns = useMemo<Array<TableColumn<CredentialImportEntry>>>(
    () => [
      {
        id: 'entry',
        header: 'Entry',
        text: (e) => [e.title || '(no title)', e.username, e.group, e.duplicate ? 'already here' : ''].filter(Boolean).join(' · '),
        cell: (e) => (
          <>
            {e.title || '(no title)'}
            <span className="muted small">
              {e.username ? ` · ${e.username}` : ''}
              {e.group ? ` · ${e.group}` : ''}
              {e.duplicate ? ' · already here' : ''}
            </span>
          </>
        ),
        sortValue: (e) => e.title,
        width: 220
      },
      { id: 'url', header: 'URL', text: (e) => e.url, cell: (e) => <span className="small">{e.url}</span>, sortValue: (e) => e.url, width: 200, grow: true },
      {
        id: 'as',
        header: 'Import as',
        text: (e) => {
          const choice = choices[e.index] ?? ''
          return choice ? providerLabel(choice) : 'Do not import'
        },
        cell: (e) => {
          const choice = choices[e.index] ?? ''
          const problem = choice ? e.problems[choice] : null
          return (
            <>
              <select
                aria-label={`Import “${e.title || e.url}” as`}
                value={choice}
                onChange={(ev) => setChoices((c) => ({ ...c, [e.index]: ev.target.value as ProviderKind | '' }))}
              >
                <option value="">Do not import</option>
                {PROVIDERS.map((p) => (
                  <option key={p} value={p}>
                    {providerLabel(p)}
                  </option>
                ))}
              </select>
              {problem && <div className="error-text small">{problem}</div>}
            </>
          )
        },
        width: 200,
        sticky: true
      }
    ],
    [choices]
  )
  const cancel = () => {
    if (preview && done === null) void call('workspace.credentials.cancel', { importId: preview.importId }).catch(() => undefined)
    onClose()
  }

  if (done !== null) {
    return (
      <Dialog title="Credentials imported" onClose={onClose}>
        <p role="status">
          {done} connection{done === 1 ? '' : 's'} added to your vault. Use “Test connection” on each, then share the ones your team needs.
        </p>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Close
          </button>
        </div>
      </Dialog>
    )
  }

  if (!preview) {
    return (
      <Dialog title="Import credentials" onClose={cancel}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            // One message under each field that needs something, all at once.
            const problems: Record<string, string> = {
              ...(file ? {} : { file: 'Choose the file to read.' }),
              ...(format === 'kdbx' && !password ? { password: 'Enter the KeePass master password.' } : {})
            }
            fields.setProblems(problems)
            if (Object.keys(problems).length === 0) void read.run()
          }}
          noValidate
        >
          <label htmlFor={ids.format}>From</label>
          <select
            id={ids.format}
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as CredentialSourceFormat)
              // A message about the file or password was about the other format.
              edited('file')
              edited('password')
            }}
          >
            {FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FormField label="File" id={ids.file} problem={fields.problems['file']}>
            <input
              id={ids.file}
              type="file"
              accept={FORMATS.find(([f]) => f === format)?.[2]}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null)
                edited('file')
              }}
            />
          </FormField>
          {format === 'kdbx' && (
            <FormField label="KeePass master password" id={ids.password} problem={fields.problems['password']}>
              <input
                id={ids.password}
                type="password"
                value={password}
                onChange={valueChange('password', setPassword)}
                autoComplete="off"
              />
            </FormField>
          )}
          <p className="field-hint">Nothing is saved until you confirm the entries on the next step. Delete an unencrypted export once imported.</p>
          <FormActions busy={read.busy} label="Read file" busyLabel="Reading…" error={read.error} onCancel={cancel} />
        </form>
      </Dialog>
    )
  }

  return (
    <Dialog title={`Choose entries (${preview.entries.length})`} onClose={cancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save.run()
        }}
        noValidate
      >
        {preview.skipped > 0 && <p className="muted small">{preview.skipped} entries without a password were left out.</p>}
        <DataTable tableId="workspace.credential-import" rows={preview.entries} columns={columns} rowKey={entryKey} label="Entries to import" />
        <FormActions busy={save.busy} label={`Import ${chosen.length} connection${chosen.length === 1 ? '' : 's'}`} busyLabel="Importing…" error={save.error} onCancel={cancel} />
      </form>
    </Dialog>
  )
}
