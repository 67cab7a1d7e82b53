import { useId, useState, type ReactNode } from 'react'
import { call } from '../../api'
import { Dialog } from '../../components/Dialog'
import { FormActions } from '../../components/FormActions'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useStore } from '../../store'

/** Adds a teammate from the line they sent; every entry is encrypted again to include them. */
export function AddMemberDialog({ onClose }: { onClose: () => void }): ReactNode {
  const setStatus = useStore((s) => s.setWorkspace)
  const pushToast = useStore((s) => s.pushToast)
  const [line, setLine] = useState('')
  const lineId = useId()
  // Main names the line when it refuses it (unreadable, or already a member): said under it.
  const fields = useFieldProblems()
  const lineProblem = fields.problems['line']
  const { save: add, valueChange } = useFieldSave(fields, async () => {
    setStatus(await call('workspace.members.add', { line: line.trim() }))
    pushToast({ level: 'success', message: 'Member added: they can join the workspace now.' })
    onClose()
  })
  return (
    <Dialog title="Add a member" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!line.trim()) return fields.setProblems({ line: 'Paste the member line your teammate sent you.' })
          void add.run()
        }}
        noValidate
      >
        <label htmlFor={lineId}>Their member line</label>
        <textarea
          id={lineId}
          rows={3}
          value={line}
          onChange={valueChange('line', setLine)}
          required
          spellCheck={false}
          placeholder="backdesk-member v1 age1…"
          {...fieldAria(lineId, lineProblem)}
        />
        <FieldProblem fieldId={lineId} problem={lineProblem} />
        <p className="field-hint">Check its fingerprint with them (by phone or in person) before adding. Every shared entry is encrypted again to include them.</p>
        <FormActions busy={add.busy} label="Add member" busyLabel="Re-encrypting…" error={add.error} onCancel={onClose} />
      </form>
    </Dialog>
  )
}
