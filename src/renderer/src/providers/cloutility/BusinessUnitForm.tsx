import { useId, useState, type FormEvent, type ReactNode } from 'react'
import type { BusinessUnit } from '../../../../shared/providers/cloutility/model'
import { call } from '../../api'
import { Dialog } from '../../components/Dialog'
import { FormActions } from '../../components/FormActions'
import { useStore } from '../../store'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useLoadable } from '../../store/use-loadable'
import { changed } from './changed-fields'
import { FormField } from '../../components/FormField'

// Cloutility's invoiceDay: 0 is the last day of the month, otherwise the day itself. The form
// offers the days every month has, plus a value outside them that the unit already holds, so an
// invoice day is always a choice and never an empty field read as 0.
const LAST_DAY_OF_MONTH = 0
const MONTH_DAYS = Array.from({ length: 28 }, (_, i) => i + 1)

function invoiceDayChoices(current: number | undefined): number[] {
  return current !== undefined && current !== LAST_DAY_OF_MONTH && !MONTH_DAYS.includes(current) ? [...MONTH_DAYS, current] : MONTH_DAYS
}

// Create / edit dialog for a business unit. Time zones come from the server.
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
  const zones = useLoadable(() => call('cloutility.timeZones', { connectionId }), connectionId)
  const [name, setName] = useState(existing?.name ?? '')
  const [registrationNumber, setRegistrationNumber] = useState(existing?.registrationNumber ?? '')
  const [note, setNote] = useState(existing?.note ?? '')
  const [timeZoneId, setTimeZoneId] = useState<string>(existing?.timeZone ? String(existing.timeZone.id) : '')
  const [invoiceDay, setInvoiceDay] = useState(String(existing?.invoiceDay ?? LAST_DAY_OF_MONTH))

  const fields = useFieldProblems({ under: 'unit' })
  const pushToast = useStore((s) => s.pushToast)
  const send = async () => {
    const unit = {
      name: name.trim(),
      registrationNumber: registrationNumber.trim(),
      note,
      ...(timeZoneId ? { timeZoneId: Number(timeZoneId) } : {}),
      invoiceDay: Number(invoiceDay)
    }
    if (!existing) {
      const created = await call('cloutility.businessUnit.create', { connectionId, parentId: parentId as number, unit })
      pushToast({ level: 'success', message: `Created business unit ${created.name}.` })
      onSaved(created)
      return
    }
    const edits = changed(unit, {
      name: existing.name,
      registrationNumber: existing.registrationNumber ?? '',
      note: existing.note ?? '',
      ...(existing.timeZone ? { timeZoneId: existing.timeZone.id } : {}),
      invoiceDay: existing.invoiceDay ?? LAST_DAY_OF_MONTH
    })
    // An update with nothing in it would still be journalled as a change: send none.
    if (Object.keys(edits).length === 0) {
      pushToast({ level: 'info', message: `Nothing to save: ${existing.name} is unchanged.` })
      onClose()
      return
    }
    const saved = await call('cloutility.businessUnit.update', { connectionId, businessUnitId: existing.id, unit: edits })
    pushToast({ level: 'success', message: `Saved ${saved.name}.` })
    onSaved(saved)
  }
  const { save, valueChange } = useFieldSave(fields, send)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!name.trim()) {
      fields.setProblems({ name: 'Give the business unit a name.' })
      return
    }
    void save.run()
  }

  return (
    <Dialog title={existing ? `Edit “${existing.name}”` : `New business unit under “${parentName ?? parentId}”`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormField label="Name" id={`${id}-name`} problem={fields.problems['name']}>
          <input
            id={`${id}-name`}
            value={name}
            onChange={valueChange('name', setName)}
            required maxLength={200} autoComplete="off" />
        </FormField>
        <FormField label="Registration number" id={`${id}-reg`} problem={fields.problems['registrationNumber']}>
          <input
            id={`${id}-reg`}
            value={registrationNumber}
            onChange={valueChange('registrationNumber', setRegistrationNumber)}
            maxLength={100}
          />
        </FormField>
        <FormField label="Time zone" id={`${id}-tz`} hint={zones.loading ? 'Loading the server’s time zones…' : undefined} problem={fields.problems['timeZoneId']}>
          <select
            id={`${id}-tz`}
            value={timeZoneId}
            onChange={valueChange('timeZoneId', setTimeZoneId)}
            disabled={!zones.value}
          >
            <option value="">{existing ? 'Keep current' : 'Server default'}</option>
            {zones.value?.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name}
              </option>
            ))}
          </select>
        </FormField>
        {zones.error && <p className="error-text">{zones.error}</p>}
        <FormField label="Invoice day" id={`${id}-day`} problem={fields.problems['invoiceDay']}>
          <select id={`${id}-day`} value={invoiceDay} onChange={valueChange('invoiceDay', setInvoiceDay)}>
            <option value={LAST_DAY_OF_MONTH}>Last day of the month</option>
            {invoiceDayChoices(existing?.invoiceDay).map((day) => (
              <option key={day} value={day}>
                Day {day}
              </option>
            ))}
          </select>
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
        <FormActions busy={save.busy} label={existing ? 'Save changes' : 'Create business unit'} onCancel={onClose} error={save.error} />
      </form>
    </Dialog>
  )
}
