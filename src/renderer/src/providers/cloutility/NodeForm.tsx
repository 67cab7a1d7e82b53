import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import type { BackupNode } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { Dialog } from '../../components/Dialog'
import { FormActions } from '../../components/FormActions'
import { useStore } from '../../store'
import { LoadGate } from '../../components/LoadGate'
import { useLoadable } from '../../store/use-loadable'
import { changed } from './changed-fields'
import { FormField } from '../../components/FormField'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'

// Create / edit dialog for a backup node. Lists (domains, client option sets, operating systems,
// node types) come from the server.
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
  const options = useLoadable(() => call('cloutility.node.options', { connectionId, businessUnitId }), `${connectionId}/${businessUnitId}`)
  const [osId, setOsId] = useState(existing?.operatingSystem ? String(existing.operatingSystem.id) : '')
  const [typeId, setTypeId] = useState(existing?.type ? String(existing.type.id) : '')
  const [domainId, setDomainId] = useState(existing?.domain ? String(existing.domain.id) : '')
  const [cosId, setCosId] = useState(existing?.clientOptionSet ? String(existing.clientOptionSet.id) : '')
  const [contact, setContact] = useState(existing?.contact ?? '')
  const [cpuCount, setCpuCount] = useState(String(existing?.cpuCount ?? 1))

  const os = options.value?.operatingSystems.find((o) => String(o.id) === osId)
  // The node types this OS supports (all of them when the server does not say).
  const types = useMemo(() => {
    const all = options.value?.nodeTypes ?? []
    if (!os || os.supportedNodeTypes.length === 0) return all
    const allowed = new Set(os.supportedNodeTypes.map((t) => t.id))
    return all.filter((t) => allowed.has(t.id))
  }, [options.value, os])

  const fields = useFieldProblems({ under: 'node' })
  const pushToast = useStore((s) => s.pushToast)
  const send = async () => {
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
    pushToast({ level: 'success', message: existing ? `Saved node ${saved.name}.` : `Created node ${saved.name}.` })
    onSaved(saved)
  }
  const { save, edited, valueChange } = useFieldSave(fields, send)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    // One message under each field that needs something, all at once.
    const cpu = Number(cpuCount)
    const problems: Record<string, string> = {
      ...(osId ? {} : { operatingSystemId: 'Choose an operating system.' }),
      ...(typeId ? {} : { typeId: 'Choose a node type.' }),
      ...(domainId ? {} : { domainId: 'Choose a domain.' }),
      ...(cosId ? {} : { clientOptionSetId: 'Choose a client option set.' }),
      ...(cpuCount.trim() !== '' && Number.isInteger(cpu) && cpu >= 1 && cpu <= 1024 ? {} : { cpuCount: 'The CPU count is a whole number from 1 to 1024.' })
    }
    fields.setProblems(problems)
    if (Object.keys(problems).length > 0) return
    void save.run()
  }

  return (
    <Dialog title={existing ? 'Edit backup node' : 'New backup node'} onClose={onClose}>
      <LoadGate loading={options.loading} error={options.error} onRetry={options.reload}>
        <form onSubmit={submit} noValidate>
          <FormField label="Operating system" id={`${id}-os`} problem={fields.problems['operatingSystemId']}>
            <select
              id={`${id}-os`}
              value={osId}
              onChange={(e) => {
                setOsId(e.target.value)
                setTypeId('')
                edited('operatingSystemId')
              }}
              required
            >
              <option value="">Choose…</option>
              {options.value?.operatingSystems.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Node type" id={`${id}-type`} problem={fields.problems['typeId']}>
            <select
              id={`${id}-type`}
              value={typeId}
              onChange={valueChange('typeId', setTypeId)}
              required
            >
              <option value="">Choose…</option>
              {types.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Domain (retention)" id={`${id}-domain`} problem={fields.problems['domainId']}>
            <select
              id={`${id}-domain`}
              value={domainId}
              onChange={valueChange('domainId', setDomainId)}
              required
            >
              <option value="">Choose…</option>
              {options.value?.domains.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                  {d.description ? ` — ${d.description}` : ''}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Client option set" id={`${id}-cos`} problem={fields.problems['clientOptionSetId']}>
            <select
              id={`${id}-cos`}
              value={cosId}
              onChange={valueChange('clientOptionSetId', setCosId)}
              required
            >
              <option value="">Choose…</option>
              {options.value?.clientOptionSets.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Contact" id={`${id}-contact`} problem={fields.problems['contact']}>
            <input
              id={`${id}-contact`}
              value={contact}
              onChange={valueChange('contact', setContact)}
              maxLength={500}
            />
          </FormField>
          <FormField label="CPU count" id={`${id}-cpu`} problem={fields.problems['cpuCount']}>
            <input
              id={`${id}-cpu`}
              type="number"
              min={1}
              max={1024}
              value={cpuCount}
              onChange={valueChange('cpuCount', setCpuCount)}
            />
          </FormField>
          {options.value?.server && <p className="muted small">Backup server: {options.value.server.name}</p>}
          <FormActions busy={save.busy} label={existing ? 'Save changes' : 'Create node'} onCancel={onClose} error={save.error} />
        </form>
      </LoadGate>
    </Dialog>
  )
}
