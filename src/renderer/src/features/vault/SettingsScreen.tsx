import { useEffect, useState, type ReactNode } from 'react'
import type { ImportPreview, VaultSettings } from '../../../../shared/contract/vault.contract'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useAction } from '../../components/use-action'
import { FormField } from '../../components/FormField'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useStore } from '../../store'
import { ExportForm } from './ExportForm'
import { ChangePassphraseForm } from './ChangePassphraseForm'
import { UnlockCost } from './UnlockCost'
import { useClearedOnLock } from '../../store/use-cleared-on-lock'
import { TicketTargetsSettings } from '../tickets/TicketTargetsSettings'
import { WatchSettings } from '../watch/WatchSettings'
import { formatDateTime, formatText } from '../../../../shared/format'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { providerLabel } from '../../providers/registry'
import { FormActions } from '../../components/FormActions'

export function SettingsScreen(): ReactNode {
  return (
    <>
      <h1>Settings</h1>
      <LockSettings />
      <WatchSettings />
      <TicketTargetsSettings />
      <ChangePassphraseForm />
      <ExportImport />
    </>
  )
}

function LockSettings(): ReactNode {
  const [settings, setSettings] = useState<VaultSettings | null>(null)
  const [minutes, setMinutes] = useState('15')
  const [minutesProblem, setMinutesProblem] = useState<string | undefined>(undefined)
  const lockVault = useStore((s) => s.lockVault)
  const pushToast = useStore((s) => s.pushToast)
  const load = useAction(async () => {
    const loaded = await call('vault.settings.get')
    setSettings(loaded)
    setMinutes(String(loaded.autoLockMinutes))
  })
  const save = useAction(async (patch: { autoLockMinutes?: number; rememberOnDevice?: boolean }) => {
    setSettings(await call('vault.settings.set', patch))
    pushToast({ level: 'success', message: 'Settings saved.' })
  })
  const runLoad = load.run
  useEffect(() => {
    void runLoad()
  }, [runLoad])

  return (
    <section className="panel" aria-labelledby="lock-heading">
      <h2 id="lock-heading">Locking</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          const value = Number(minutes)
          if (minutes.trim() === '' || !Number.isInteger(value) || value < 0 || value > 1440) return setMinutesProblem('Enter whole minutes from 0 to 1440.')
          void save.run({ autoLockMinutes: value })
        }}
        noValidate
      >
        <label htmlFor="autolock">Lock after this many idle minutes (0 = never)</label>
        <input
          id="autolock"
          inputMode="numeric"
          value={minutes}
          onChange={(e) => {
            setMinutes(e.target.value)
            setMinutesProblem(undefined)
            save.setError(null)
          }}
          {...fieldAria('autolock', minutesProblem)}
        />
        <FieldProblem fieldId="autolock" problem={minutesProblem} />
        <label>
          <input
            type="checkbox"
            checked={settings?.rememberOnDevice ?? false}
            disabled={!settings?.deviceUnlockSupported}
            onChange={(e) => void save.run({ rememberOnDevice: e.target.checked })}
          />{' '}
          Unlock with this device&apos;s keychain
        </label>
        {settings && !settings.deviceUnlockSupported && (
          <p className="field-hint">This system offers no OS keychain, so the passphrase is always needed.</p>
        )}
        <UnlockCost />
        <FormActions busy={save.busy} label="Save" error={save.error ?? load.error} primary={false}>
          <button type="button" className="btn" onClick={() => void lockVault()}>
            Lock now
          </button>
        </FormActions>
      </form>
    </section>
  )
}

type ImportRow = ImportPreview['connections'][number]

const HERE_ALREADY: Record<ImportRow['conflict'], string> = { none: 'no', 'same-id': 'yes (same connection)', 'same-name': 'a connection with this name' }

const IMPORT_PREVIEW_COLUMNS: Array<TableColumn<ImportRow>> = [
  { id: 'name', header: 'Name', text: (c) => c.name, sortValue: (c) => c.name, width: 200, grow: true },
  { id: 'provider', header: 'Provider', text: (c) => providerLabel(c.provider), sortValue: (c) => providerLabel(c.provider), width: 120 },
  { id: 'customer', header: 'Customer', text: (c) => formatText(c.customer), sortValue: (c) => c.customer, width: 160 },
  { id: 'here', header: 'Here already', text: (c) => HERE_ALREADY[c.conflict] ?? c.conflict, sortValue: (c) => c.conflict, width: 200 }
]

const importRowKey = (c: ImportRow): string => c.id

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

function ExportImport(): ReactNode {
  const [bundle, setBundle] = useState('')
  const [importPass, setImportPass] = useState('')
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [confirmReplace, setConfirmReplace] = useState(false)
  // A file input cannot be emptied by state: a new one replaces it once its bundle is imported.
  const [fileInputKey, setFileInputKey] = useState(0)
  const pushToast = useStore((s) => s.pushToast)
  const loadConnections = useStore((s) => s.loadConnections)
  useClearedOnLock(() => setImportPass(''))

  const importFields = useFieldProblems()
  const { save: doPreview, edited, valueChange } = useFieldSave(importFields, async () => setPreview(await call('vault.importPreview', { bundle, passphrase: importPass })))
  const doImport = useAction(async (mode: 'merge' | 'replace') => {
    const result =
      mode === 'merge'
        ? await call('vault.import', { mode, bundle, passphrase: importPass })
        : await call('vault.import', { mode, bundle, passphrase: importPass, confirm: 'REPLACE' })
    setPreview(null)
    setConfirmReplace(false)
    setBundle('')
    setFileInputKey((k) => k + 1)
    setImportPass('')
    await loadConnections()
    pushToast({ level: 'success', message: `Imported: ${result.added} added, ${result.overwritten} overwritten, ${result.skipped} skipped.` })
  })

  return (
    <section className="panel" aria-labelledby="bundle-heading">
      <h2 id="bundle-heading">Move to another computer</h2>
      <ExportForm />
      <form
        onSubmit={(event) => {
          event.preventDefault()
          // One message under each field that needs something, all at once.
          const problems: Record<string, string> = {
            ...(bundle ? {} : { bundle: 'Choose the bundle file exported on the other computer.' }),
            ...(importPass ? {} : { passphrase: 'Enter the passphrase chosen when the bundle was exported.' })
          }
          importFields.setProblems(problems)
          if (Object.keys(problems).length === 0) void doPreview.run()
        }}
        noValidate
      >
        <h3>Import</h3>
        <FormField label="Bundle file" id="import-file" problem={importFields.problems['bundle']}>
          <input
            key={fileInputKey}
            id="import-file"
            type="file"
            accept=".backdesk-bundle,.backdesk,.txt"
            onChange={(e) => {
              const file = e.target.files?.[0]
              edited('bundle')
              setPreview(null)
              if (file) void file.text().then(setBundle)
              else setBundle('')
            }}
          />
        </FormField>
        <FormField label="Bundle passphrase" id="import-pass" problem={importFields.problems['passphrase']}>
          <input
            id="import-pass"
            type="password"
            autoComplete="off"
            value={importPass}
            onChange={valueChange('passphrase', setImportPass)}
          />
        </FormField>
        <FormActions busy={doPreview.busy} label="Preview import" busyLabel="Reading…" error={doPreview.error} primary={false} />
      </form>
      {preview && (
        <div data-testid="import-preview">
          <p>
            Exported {formatDateTime(preview.exportedAt)}: {count(preview.connections.length, 'connection', 'connections')},{' '}
            {count(preview.nodeCredentials, 'node password', 'node passwords')}.
          </p>
          <DataTable tableId="vault.import-preview" rows={preview.connections} columns={IMPORT_PREVIEW_COLUMNS} rowKey={importRowKey} label="Connections in the bundle" />
          {doImport.error && <p className="error-text" role="alert">{doImport.error}</p>}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={doImport.busy} onClick={() => void doImport.run('merge')}>
              Merge into this vault
            </button>
            <button type="button" className="btn btn-danger" onClick={() => setConfirmReplace(true)}>
              Replace this vault&apos;s connections…
            </button>
          </div>
        </div>
      )}
      {confirmReplace && preview && (
        <ConfirmDialog
          title="Replace every connection?"
          confirmLabel="Replace"
          typeToConfirm="REPLACE"
          busy={doImport.busy}
          error={doImport.error}
          onCancel={() => setConfirmReplace(false)}
          onConfirm={() => void doImport.run('replace')}
        >
          <p>Every connection in this vault is deleted and the {preview.connections.length} from the bundle take their place.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
