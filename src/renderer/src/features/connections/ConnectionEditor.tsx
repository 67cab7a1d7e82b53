import { useState, type ReactNode } from 'react'
import {
  ConnectionCreateInput,
  ConnectionUpdateInput,
  originOf
} from '../../../../shared/contract/connections.contract'
import type { ConnectionSummary, ProviderKind } from '../../../../shared/model/connection'
import { ApiError, call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { DEFAULT_PROVIDER, PROVIDER_UIS, providerUi } from '../../providers/registry'

type Fields = Record<string, string>

function initialFields(existing: ConnectionSummary | undefined, provider: ProviderKind): Fields {
  return {
    name: existing?.name ?? '',
    customer: existing?.customer ?? '',
    tags: existing?.tags.join(', ') ?? '',
    baseUrl: existing?.baseUrl ?? providerUi(provider).defaultBaseUrl,
    clientId: existing?.clientId ?? '',
    origin: existing?.origin ?? '',
    username: existing?.username ?? '',
    email: existing?.email ?? '',
    mode: existing?.mode ?? providerUi(provider).loginModes?.options[0]?.value ?? '',
    password: '',
    clientSecret: '',
    apiKey: '',
    customCa: ''
  }
}

/** "password", "client secret and password", "API key": the secrets named in a sentence. */
function secretNames(labels: string[]): string {
  const words = labels.map((l) => l.replace(/^Partner client secret$/, 'client secret').toLowerCase().replace(/^api key$/, 'API key'))
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? 'secret')
}

export function ConnectionEditor({ existing, onDone }: { existing?: ConnectionSummary; onDone: (c?: ConnectionSummary) => void }): ReactNode {
  const [provider, setProvider] = useState<ProviderKind>(existing?.provider ?? DEFAULT_PROVIDER)
  const [fields, setFields] = useState<Fields>(() => initialFields(existing, existing?.provider ?? DEFAULT_PROVIDER))
  const [problems, setProblems] = useState<Record<string, string>>({})
  const upsert = useStore((s) => s.upsertConnection)
  const set = (key: string, value: string) => setFields((f) => ({ ...f, [key]: value }))
  const ui = providerUi(provider)
  const mode = fields.mode || (ui.loginModes?.options[0]?.value ?? '')
  const providerFields = ui.connectionFields(mode)

  // The stored secrets are only ever sent to the origin they were entered for: moving the base
  // URL elsewhere needs them entered again, and the form says so before anything is saved.
  const secretFields = providerFields.filter((f) => f.secret)
  const newOrigin = originOf((fields.baseUrl ?? '').trim())
  const movingFrom = existing && newOrigin !== '' && newOrigin !== existing.secretOrigin ? existing.secretOrigin : undefined
  const reenter = (label: string) => `Enter the ${secretNames([label])} again to use it with ${newOrigin}.`

  const save = useAction(async (input: unknown) => {
    try {
      const saved = existing
        ? await call('connections.update', input as ConnectionUpdateInput)
        : await call('connections.create', input as ConnectionCreateInput)
      upsert(saved)
      onDone(saved)
    } catch (err) {
      // Main refuses the move too (if the form did not catch it): mark each field it names.
      const named = err instanceof ApiError && err.code === 'VALIDATION' ? err.details?.['fields'] : undefined
      if (Array.isArray(named)) {
        const next: Record<string, string> = {}
        for (const key of named) {
          const field = secretFields.find((f) => f.key === key)
          if (field) next[field.key] = reenter(field.label)
        }
        setProblems(next)
      }
      throw err
    }
  })

  const buildInput = (): Record<string, unknown> => {
    const input: Record<string, unknown> = {
      provider,
      name: fields.name,
      customer: fields.customer,
      tags: (fields.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean),
      baseUrl: fields.baseUrl
    }
    if (existing) input['id'] = existing.id
    if (fields.customCa) input['customCa'] = fields.customCa
    for (const field of providerFields) {
      const value = fields[field.key] ?? ''
      // On edit an empty secret means "keep the stored one".
      if (field.secret && existing && value === '') continue
      input[field.key] = value
    }
    if (ui.loginModes) input['mode'] = mode
    return input
  }

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    const input = buildInput()
    const parsed = (existing ? ConnectionUpdateInput : ConnectionCreateInput).safeParse(input)
    const next: Record<string, string> = {}
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'form')
        next[key] ??= issue.message
      }
    }
    if (movingFrom) for (const f of secretFields) if (!fields[f.key]) next[f.key] ??= reenter(f.label)
    if (Object.keys(next).length > 0) {
      setProblems(next)
      return
    }
    setProblems({})
    void save.run(input)
  }

  const textField = (key: string, label: string, options: { secret?: boolean; hint?: string } = {}) => {
    const id = `conn-${key}`
    const storedSecret = options.secret && existing?.secrets[key as 'password']
    const required = Boolean(options.secret && movingFrom)
    return (
      <div key={key}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type={options.secret ? 'password' : 'text'}
          autoComplete={options.secret ? 'new-password' : 'off'}
          spellCheck={false}
          value={fields[key] ?? ''}
          placeholder={required ? `Enter it again for ${newOrigin}` : storedSecret ? 'Stored — leave empty to keep it' : undefined}
          required={required}
          aria-invalid={problems[key] ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => set(key, e.target.value)}
        />
        <div id={`${id}-hint`}>
          {problems[key] ? <p className="field-error">{problems[key]}</p> : options.hint && <p className="field-hint">{options.hint}</p>}
        </div>
      </div>
    )
  }

  return (
    <form className="panel" onSubmit={onSubmit} aria-labelledby="editor-heading" noValidate>
      <h1 id="editor-heading">{existing ? `Edit ${existing.name}` : 'New connection'}</h1>
      <label htmlFor="conn-provider">Provider</label>
      <select
        id="conn-provider"
        value={provider}
        disabled={Boolean(existing)}
        onChange={(e) => {
          const next = e.target.value as ProviderKind
          setProvider(next)
          setFields((f) => ({ ...f, baseUrl: providerUi(next).defaultBaseUrl }))
        }}
      >
        {PROVIDER_UIS.map(({ kind, label }) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </select>
      {textField('name', 'Name', { hint: 'How this login appears in the sidebar' })}
      {textField('customer', 'Customer', { hint: 'Connections with the same customer are grouped together' })}
      {textField('tags', 'Tags', { hint: 'Comma-separated' })}
      {textField('baseUrl', 'Base URL')}
      {movingFrom && (
        <p className="banner banner-warn" role="note" data-testid="origin-change">
          The saved {secretNames(secretFields.map((f) => f.label))} {secretFields.length > 1 ? 'are' : 'is'} only ever sent to{' '}
          <strong>{movingFrom}</strong>; enter {secretFields.length > 1 ? 'them' : 'it'} again to use {secretFields.length > 1 ? 'them' : 'it'} with{' '}
          <strong>{newOrigin}</strong>.
        </p>
      )}
      {ui.loginModes && (
        <fieldset>
          <legend>{ui.loginModes.legend}</legend>
          {ui.loginModes.options.map((o) => (
            <label key={o.value}>
              <input type="radio" name="mode" checked={mode === o.value} onChange={() => set('mode', o.value)} /> {o.label}
            </label>
          ))}
        </fieldset>
      )}
      {providerFields.map((f) => textField(f.key, f.label, f))}
      <label htmlFor="conn-customCa">Custom CA certificate (optional, PEM)</label>
      <textarea
        id="conn-customCa"
        rows={3}
        spellCheck={false}
        value={fields.customCa}
        placeholder={existing?.hasCustomCa ? 'A CA is stored — paste a new one to replace it' : '-----BEGIN CERTIFICATE-----'}
        onChange={(e) => set('customCa', e.target.value)}
      />
      {problems['customCa'] && <p className="field-error">{problems['customCa']}</p>}
      {save.error && (
        <p className="error-text" role="alert">
          {save.error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : existing ? 'Save changes' : 'Add connection'}
        </button>
        <button type="button" className="btn" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  )
}
