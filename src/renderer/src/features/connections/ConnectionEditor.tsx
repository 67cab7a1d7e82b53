import { useEffect, useRef, useState, type ReactNode } from 'react'
import {
  ConnectionCreateInput,
  ConnectionUpdateInput,
  originOf
} from '../../../../shared/contract/connections.contract'
import type { ConnectionSummary, ProbeResult, ProviderKind } from '../../../../shared/model/connection'
import { ApiError, call } from '../../api'
import { UnsavedChangesDialog } from '../../components/UnsavedChangesDialog'
import { FieldProblem } from '../../components/FieldProblem'
import { FormActions } from '../../components/FormActions'
import { fieldAria, problemsFromError, problemsOf, withoutProblem, type FieldProblems } from '../../components/field-problems'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { useUnsavedChangesGuard } from '../../store/use-unsaved-changes-guard'
import { DEFAULT_PROVIDER, PROVIDER_UIS, providerUi } from '../../providers/registry'
import { useClearedOnLock } from '../../store/use-cleared-on-lock'

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
  const [problems, setProblemsOnly] = useState<FieldProblems>({})
  // What the form held when it opened: Cancel, and any navigation away, ask before throwing away
  // anything typed since.
  const [opened] = useState(() => ({ provider, fields }))
  const changed = provider !== opened.provider || Object.entries(fields).some(([key, value]) => value !== opened.fields[key])
  const unsaved = useUnsavedChangesGuard(changed, existing ? `the connection “${existing.name}”` : 'the new connection')
  const form = useRef<HTMLFormElement>(null)
  // Counts refused saves: after each, the cursor goes to the first field with a problem, where
  // the person has to act, instead of staying on the button.
  const [refusals, setRefusals] = useState(0)
  const refuse = (next: FieldProblems) => {
    setProblemsOnly(next)
    setRefusals((n) => n + 1)
  }
  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [refusals])
  /** A failed login test of a new connection: shown until the user edits a field or saves anyway. */
  const [failedTest, setFailedTest] = useState<ProbeResult | null>(null)
  const [testing, setTesting] = useState(false)
  const upsert = useStore((s) => s.upsertConnection)
  const pushToast = useStore((s) => s.pushToast)
  const ui = providerUi(provider)
  const mode = fields.mode || (ui.loginModes?.options[0]?.value ?? '')
  const providerFields = ui.connectionFields(mode)

  // The stored secrets are only ever sent to the origin they were entered for: moving the base
  // URL elsewhere needs them entered again, and the form says so before anything is saved.
  const secretFields = providerFields.filter((f) => f.secret)
  // A secret typed here must not wait in the page (it stays mounted under the unlock screen).
  useClearedOnLock(() => setFields((f) => ({ ...f, ...Object.fromEntries(secretFields.map((sf) => [sf.key, ''])) })))
  const newOrigin = originOf((fields.baseUrl ?? '').trim())
  const movingFrom = existing && newOrigin !== '' && newOrigin !== existing.secretOrigin ? existing.secretOrigin : undefined
  const reenter = (label: string) => `Enter the ${secretNames([label])} again to use it with ${newOrigin}.`

  const save = useAction(async (input: unknown, how: 'test' | 'save') => {
    try {
      // A new connection's login is tried first; the user may still save one that fails.
      if (!existing && how === 'test') {
        const result = await call('connections.testDraft', input as ConnectionCreateInput)
        if (!result.ok) {
          setFailedTest(result)
          return
        }
      }
      const saved = existing
        ? await call('connections.update', input as ConnectionUpdateInput)
        : await call('connections.create', input as ConnectionCreateInput)
      upsert(saved)
      pushToast({ level: 'success', message: existing ? `Saved ${saved.name}.` : how === 'test' ? `Login works. Added ${saved.name}.` : `Added ${saved.name} (not tested).` })
      // Saved: nothing is lost by leaving the form now.
      unsaved.release()
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
        refuse(next)
      } else {
        const fromMain = problemsFromError(err)
        if (fromMain) {
          refuse(fromMain)
          return
        }
      }
      throw err
    }
  })

  // Editing a field takes away what was said about the old value: its message, the failed
  // test and the save error.
  const set = (key: string, value: string) => {
    setFields((f) => ({ ...f, [key]: value }))
    setProblemsOnly((p) => withoutProblem(p, key))
    setFailedTest(null)
    save.setError(null)
  }

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

  const submit = (how: 'test' | 'save') => {
    // A second press while a test or save runs changes nothing (its label stays the running one's).
    if (save.busy) return
    const input = buildInput()
    const next: Record<string, string> = { ...problemsOf(existing ? ConnectionUpdateInput : ConnectionCreateInput, input) }
    if (movingFrom) for (const f of secretFields) if (!fields[f.key]) next[f.key] ??= reenter(f.label)
    setFailedTest(null)
    if (Object.keys(next).length > 0) {
      refuse(next)
      return
    }
    setProblemsOnly({})
    setTesting(!existing && how === 'test')
    void save.run(input, how)
  }
  const cancel = () => unsaved.leave(() => onDone())

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    submit('test')
  }

  // A problem with no field of its own on this form (the provider, the login mode) is said once,
  // above the buttons, so nothing blocks a save without saying why.
  const fieldKeys = new Set(['name', 'customer', 'tags', 'baseUrl', 'customCa', ...providerFields.map((f) => f.key)])
  const otherProblems = Object.entries(problems).filter(([key]) => !fieldKeys.has(key))

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
          {...fieldAria(id, problems[key], Boolean(options.hint))}
          onChange={(e) => set(key, e.target.value)}
        />
        <FieldProblem fieldId={id} problem={problems[key]} />
        {options.hint && (
          <p className="field-hint" id={`${id}-hint`}>
            {options.hint}
          </p>
        )}
      </div>
    )
  }

  return (
    <>
      <form ref={form} className="panel" onSubmit={onSubmit} aria-labelledby="editor-heading" noValidate>
        <h1 id="editor-heading">{existing ? `Edit ${existing.name}` : 'New connection'}</h1>
        <label htmlFor="conn-provider">Provider</label>
        <select
          id="conn-provider"
          value={provider}
          disabled={Boolean(existing)}
          onChange={(e) => {
            const next = e.target.value as ProviderKind
            setProvider(next)
            set('baseUrl', providerUi(next).defaultBaseUrl)
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
          {...fieldAria('conn-customCa', problems['customCa'])}
          onChange={(e) => set('customCa', e.target.value)}
        />
        <FieldProblem fieldId="conn-customCa" problem={problems['customCa']} />
        {otherProblems.map(([key, message]) => (
          <p key={key} className="error-text">
            {message}
          </p>
        ))}
        {failedTest && (
          <div className="banner banner-error" role="alert" data-testid="draft-test-failed">
            <p>
              The login test failed{failedTest.stage ? ` (${failedTest.stage})` : ''}: {failedTest.message}
            </p>
            <p>Check the details above, or save the connection without testing.</p>
          </div>
        )}
        {/* Busy buttons are aria-disabled, never disabled: the keyboard focus stays on them through a failed test. */}
        <FormActions busy={save.busy} label={existing ? 'Save changes' : 'Test and add connection'} busyLabel={testing ? 'Testing the login…' : 'Saving…'} error={save.error}>
          {!existing && (
            <button type="button" className="btn" aria-disabled={save.busy || undefined} onClick={() => !save.busy && submit('save')}>
              Save without testing
            </button>
          )}
          <button type="button" className="btn" onClick={cancel}>
            Cancel
          </button>
        </FormActions>
      </form>
      {unsaved.asking && (
        <UnsavedChangesDialog
          title={existing ? `Discard your changes to ${existing.name}?` : 'Discard the new connection?'}
          onKeepEditing={unsaved.keepEditing}
          onDiscard={unsaved.discard}
        >
          <p>
            {existing
              ? `What you changed here is thrown away and ${existing.name} stays as it was.`
              : 'What you entered is thrown away and no connection is added.'}{' '}
            Keep editing takes you back to the form.
          </p>
        </UnsavedChangesDialog>
      )}
    </>
  )
}
