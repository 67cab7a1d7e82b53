import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import type { BackupNode, BusinessUnit, ConsumptionUnit } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { Dialog, FormActions } from '../../components/Dialog'
import { useAction } from '../../components/use-action'
import { LoadGate } from './bits'
import { useLoad } from './use-load'

// Create / edit dialogs for business units, consumption units and backup nodes. Lists (time
// zones, domains, client option sets, operating systems, node types) come from the server.

function Field({ label, hint, children, id }: { label: string; hint?: string; children: ReactNode; id: string }): ReactNode {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </>
  )
}

/** Only the fields that differ from `before` (an edit sends just what changed). */
function changed<T extends object>(next: T, before: Partial<T> | undefined): Partial<T> {
  if (!before) return next
  const out: Partial<T> = {}
  for (const key of Object.keys(next) as Array<keyof T>) if (next[key] !== before[key]) out[key] = next[key]
  return out
}

export function BusinessUnitForm({
  connectionId,
  parentId,
  parentName,
  existing,
  onClose,
  onSaved
}: {
  connectionId: string
  /** Create under this unit (when not editing). */
  parentId?: number
  parentName?: string
  existing?: BusinessUnit
  onClose: () => void
  onSaved: (unit: BusinessUnit) => void
}): ReactNode {
  const id = useId()
  const zones = useLoad(() => call('cloutility.timeZones', { connectionId }), connectionId)
  const [name, setName] = useState(existing?.name ?? '')
  const [registrationNumber, setRegistrationNumber] = useState(existing?.registrationNumber ?? '')
  const [note, setNote] = useState(existing?.note ?? '')
  const [timeZoneId, setTimeZoneId] = useState<string>(existing?.timeZone ? String(existing.timeZone.id) : '')
  const [invoiceDay, setInvoiceDay] = useState(String(existing?.invoiceDay ?? 0))

  const save = useAction(async () => {
    const unit = {
      name: name.trim(),
      registrationNumber: registrationNumber.trim(),
      note,
      ...(timeZoneId ? { timeZoneId: Number(timeZoneId) } : {}),
      invoiceDay: Number(invoiceDay)
    }
    const saved = existing
      ? await call('cloutility.businessUnit.update', {
          connectionId,
          businessUnitId: existing.id,
          unit: changed(unit, {
            name: existing.name,
            registrationNumber: existing.registrationNumber ?? '',
            note: existing.note ?? '',
            ...(existing.timeZone ? { timeZoneId: existing.timeZone.id } : {}),
            invoiceDay: existing.invoiceDay ?? 0
          })
        })
      : await call('cloutility.businessUnit.create', { connectionId, parentId: parentId as number, unit })
    onSaved(saved)
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!name.trim()) {
      save.setError('Give the business unit a name.')
      return
    }
    void save.run()
  }

  return (
    <Dialog title={existing ? `Edit “${existing.name}”` : `New business unit under “${parentName ?? parentId}”`} onClose={onClose}>
      <form onSubmit={submit}>
        <Field label="Name" id={`${id}-name`}>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoComplete="off" />
        </Field>
        <Field label="Registration number" id={`${id}-reg`}>
          <input id={`${id}-reg`} value={registrationNumber} onChange={(e) => setRegistrationNumber(e.target.value)} maxLength={100} />
        </Field>
        <Field label="Time zone" id={`${id}-tz`} hint={zones.loading ? 'Loading the server’s time zones…' : undefined}>
          <select id={`${id}-tz`} value={timeZoneId} onChange={(e) => setTimeZoneId(e.target.value)} disabled={!zones.data}>
            <option value="">{existing ? 'Keep current' : 'Server default'}</option>
            {zones.data?.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name}
              </option>
            ))}
          </select>
        </Field>
        {zones.error && <p className="error-text">{zones.error}</p>}
        <Field label="Invoice day" id={`${id}-day`} hint="0 = the last day of the month">
          <input id={`${id}-day`} type="number" min={0} max={31} value={invoiceDay} onChange={(e) => setInvoiceDay(e.target.value)} />
        </Field>
        <Field label="Note" id={`${id}-note`}>
          <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={4000} />
        </Field>
        <FormActions busy={save.busy} label={existing ? 'Save changes' : 'Create business unit'} onCancel={onClose} error={save.error} />
      </form>
    </Dialog>
  )
}

export function ConsumptionUnitForm({
  connectionId,
  businessUnitId,
  existing,
  onClose,
  onSaved
}: {
  connectionId: string
  businessUnitId: number
  existing?: ConsumptionUnit
  onClose: () => void
  onSaved: (unit: ConsumptionUnit) => void
}): ReactNode {
  const id = useId()
  const [name, setName] = useState(existing?.name ?? '')
  const [note, setNote] = useState(existing?.note ?? '')
  const [externalReference, setExternalReference] = useState(existing?.externalReference ?? '')
  const [allowNoActivity, setAllowNoActivity] = useState(existing?.allowNoActivity ?? false)
  const save = useAction(async () => {
    const unit = { name: name.trim(), note, externalReference: externalReference.trim(), allowNoActivity }
    const saved = existing
      ? await call('cloutility.consumptionUnit.update', {
          connectionId,
          businessUnitId,
          consumptionUnitId: existing.id,
          unit: changed(unit, {
            name: existing.name,
            note: existing.note ?? '',
            externalReference: existing.externalReference ?? '',
            allowNoActivity: existing.allowNoActivity ?? false
          })
        })
      : await call('cloutility.consumptionUnit.create', { connectionId, businessUnitId, unit })
    onSaved(saved)
  })
  return (
    <Dialog title={existing ? `Edit “${existing.name}”` : 'New consumption unit'} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!name.trim()) save.setError('Give the consumption unit a name.')
          else void save.run()
        }}
      >
        <Field label="Name" id={`${id}-name`}>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoComplete="off" />
        </Field>
        <Field label="External reference" id={`${id}-ext`}>
          <input id={`${id}-ext`} value={externalReference} onChange={(e) => setExternalReference(e.target.value)} maxLength={200} />
        </Field>
        <Field label="Note" id={`${id}-note`}>
          <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={4000} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={allowNoActivity} onChange={(e) => setAllowNoActivity(e.target.checked)} /> No warning when there is no backup activity
        </label>
        <FormActions busy={save.busy} label={existing ? 'Save changes' : 'Create consumption unit'} onCancel={onClose} error={save.error} />
      </form>
    </Dialog>
  )
}

export function NodeForm({
  connectionId,
  businessUnitId,
  consumptionUnitId,
  existing,
  onClose,
  onSaved
}: {
  connectionId: string
  businessUnitId: number
  consumptionUnitId: number
  existing?: BackupNode
  onClose: () => void
  onSaved: (node: BackupNode) => void
}): ReactNode {
  const id = useId()
  const options = useLoad(() => call('cloutility.node.options', { connectionId, businessUnitId }), `${connectionId}/${businessUnitId}`)
  const [osId, setOsId] = useState(existing?.operatingSystem ? String(existing.operatingSystem.id) : '')
  const [typeId, setTypeId] = useState(existing?.type ? String(existing.type.id) : '')
  const [domainId, setDomainId] = useState(existing?.domain ? String(existing.domain.id) : '')
  const [cosId, setCosId] = useState(existing?.clientOptionSet ? String(existing.clientOptionSet.id) : '')
  const [contact, setContact] = useState(existing?.contact ?? '')
  const [cpuCount, setCpuCount] = useState(String(existing?.cpuCount ?? 1))

  const os = options.data?.operatingSystems.find((o) => String(o.id) === osId)
  // The node types this OS supports (all of them when the server does not say).
  const types = useMemo(() => {
    const all = options.data?.nodeTypes ?? []
    if (!os || os.supportedNodeTypes.length === 0) return all
    const allowed = new Set(os.supportedNodeTypes.map((t) => t.id))
    return all.filter((t) => allowed.has(t.id))
  }, [options.data, os])

  const save = useAction(async () => {
    const node = {
      operatingSystemId: Number(osId),
      typeId: Number(typeId),
      domainId: Number(domainId),
      clientOptionSetId: Number(cosId),
      contact: contact.trim(),
      cpuCount: Number(cpuCount)
    }
    const saved = existing
      ? await call('cloutility.node.update', {
          connectionId,
          businessUnitId,
          consumptionUnitId,
          node: changed(node, {
            ...(existing.operatingSystem ? { operatingSystemId: existing.operatingSystem.id } : {}),
            ...(existing.type ? { typeId: existing.type.id } : {}),
            ...(existing.domain ? { domainId: existing.domain.id } : {}),
            ...(existing.clientOptionSet ? { clientOptionSetId: existing.clientOptionSet.id } : {}),
            contact: existing.contact ?? '',
            ...(existing.cpuCount !== undefined ? { cpuCount: existing.cpuCount } : {})
          })
        })
      : await call('cloutility.node.create', { connectionId, businessUnitId, consumptionUnitId, node })
    onSaved(saved)
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!osId || !typeId || !domainId || !cosId) {
      save.setError('Choose an operating system, node type, domain and client option set.')
      return
    }
    const cpu = Number(cpuCount)
    if (!Number.isInteger(cpu) || cpu < 1 || cpu > 1024) {
      save.setError('The CPU count is a whole number from 1 to 1024.')
      return
    }
    void save.run()
  }

  return (
    <Dialog title={existing ? 'Edit backup node' : 'New backup node'} onClose={onClose}>
      <LoadGate loading={options.loading} error={options.error} onRetry={options.reload}>
        <form onSubmit={submit}>
          <Field label="Operating system" id={`${id}-os`}>
            <select
              id={`${id}-os`}
              value={osId}
              onChange={(e) => {
                setOsId(e.target.value)
                setTypeId('')
              }}
              required
            >
              <option value="">Choose…</option>
              {options.data?.operatingSystems.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Node type" id={`${id}-type`}>
            <select id={`${id}-type`} value={typeId} onChange={(e) => setTypeId(e.target.value)} required>
              <option value="">Choose…</option>
              {types.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Domain (retention)" id={`${id}-domain`}>
            <select id={`${id}-domain`} value={domainId} onChange={(e) => setDomainId(e.target.value)} required>
              <option value="">Choose…</option>
              {options.data?.domains.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                  {d.description ? ` — ${d.description}` : ''}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Client option set" id={`${id}-cos`}>
            <select id={`${id}-cos`} value={cosId} onChange={(e) => setCosId(e.target.value)} required>
              <option value="">Choose…</option>
              {options.data?.clientOptionSets.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Contact" id={`${id}-contact`}>
            <input id={`${id}-contact`} value={contact} onChange={(e) => setContact(e.target.value)} maxLength={500} />
          </Field>
          <Field label="CPU count" id={`${id}-cpu`}>
            <input id={`${id}-cpu`} type="number" min={1} max={1024} value={cpuCount} onChange={(e) => setCpuCount(e.target.value)} />
          </Field>
          {options.data?.server && <p className="muted small">Backup server: {options.data.server.name}</p>}
          <FormActions busy={save.busy} label={existing ? 'Save changes' : 'Create node'} onCancel={onClose} error={save.error} />
        </form>
      </LoadGate>
    </Dialog>
  )
}
