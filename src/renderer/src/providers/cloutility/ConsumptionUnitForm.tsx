import { useId, useState, type ReactNode } from 'react'
import type { ConsumptionUnit } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { Dialog } from '../../components/Dialog'
import { FormActions } from '../../components/FormActions'
import { useStore } from '../../store'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { changed } from './changed-fields'
import { FormField } from '../../components/FormField'

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
  const fields = useFieldProblems({ under: 'unit' })
  const pushToast = useStore((s) => s.pushToast)
  const send = async (unit: { name: string; note: string; externalReference: string; allowNoActivity: boolean }) =>
    existing
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
  const { save, valueChange } = useFieldSave(fields, async () => {
    const saved = await send({ name: name.trim(), note, externalReference: externalReference.trim(), allowNoActivity })
    pushToast({ level: 'success', message: existing ? `Saved ${saved.name}.` : `Created consumption unit ${saved.name}.` })
    onSaved(saved)
  })
  return (
    <Dialog title={existing ? `Edit “${existing.name}”` : 'New consumption unit'} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!name.trim()) fields.setProblems({ name: 'Give the consumption unit a name.' })
          else void save.run()
        }}
        noValidate
      >
        <FormField label="Name" id={`${id}-name`} problem={fields.problems['name']}>
          <input
            id={`${id}-name`}
            value={name}
            onChange={valueChange('name', setName)}
            required maxLength={200} autoComplete="off" />
        </FormField>
        <FormField label="External reference" id={`${id}-ext`} problem={fields.problems['externalReference']}>
          <input
            id={`${id}-ext`}
            value={externalReference}
            onChange={valueChange('externalReference', setExternalReference)}
            maxLength={200}
          />
        </FormField>
        <FormField label="Note" id={`${id}-note`} problem={fields.problems['note']}>
          <textarea
            id={`${id}-note`}
            value={note}
            onChange={valueChange('note', setNote)}
            rows={3}
            maxLength={4000}
          />
        </FormField>
        <label className="check">
          <input type="checkbox" checked={allowNoActivity} onChange={(e) => setAllowNoActivity(e.target.checked)} /> No warning when there is no backup activity
        </label>
        <FormActions busy={save.busy} label={existing ? 'Save changes' : 'Create consumption unit'} onCancel={onClose} error={save.error} />
      </form>
    </Dialog>
  )
}
