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
  const before = useStore((s) => s.workspace.value?.members)
  const { save: add, valueChange } = useFieldSave(fields, async () => {
    const status = await call('workspace.members.add', { line: line.trim() })
    setStatus(status)
    const added = status.members.find((m) => !before?.some((b) => b.id === m.id))
    pushToast({ level: 'success', message: `Added ${added?.name || 'the member'}. To join, they need your member line: send it to them.` })
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
        <p>
          Adding a teammate lets them join this workspace and read every connection shared in it: each one is encrypted again to their key.
        </p>
        <label htmlFor={lineId}>Member line your teammate sent you</label>
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
        <p className="field-hint">
          They copy it from “Your member line” on their Team workspace screen. Once added, compare the fingerprint beside their name under Members with the one they
          read to you by phone or in person; if the two differ, remove that member at once.
        </p>
        <FormActions busy={add.busy} label="Add member" busyLabel="Re-encrypting…" error={add.error} onCancel={onClose} />
      </form>
    </Dialog>
  )
}
