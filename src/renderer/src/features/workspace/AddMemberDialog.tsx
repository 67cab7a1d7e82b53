import { useId, useRef, useState, type ReactNode } from 'react'
import { workspaceChannels } from '../../../../shared/contract/workspace.contract'
import type { MemberLinePreview } from '../../../../shared/model/workspace'
import { call, errorMessage } from '../../api'
import { Dialog } from '../../components/Dialog'
import { FormActions } from '../../components/FormActions'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria, problemsFromError, problemsOf } from '../../components/field-problems'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useStore } from '../../store'

/**
 * Adds a teammate from the line they sent; every entry is encrypted again to include them. The
 * line's fingerprint shows as soon as it is pasted, so it is checked with the teammate before
 * anyone is added, not after.
 */
export function AddMemberDialog({ onClose }: { onClose: () => void }): ReactNode {
  const setStatus = useStore((s) => s.setWorkspace)
  const pushToast = useStore((s) => s.pushToast)
  const [line, setLine] = useState('')
  const lineId = useId()
  // Main names the line when it refuses it (unreadable, or already a member): said under it.
  const fields = useFieldProblems()
  const lineProblem = fields.problems['line']
  const before = useStore((s) => s.workspace.value?.members)
  // What main read from the line as it stands; an answer about an older text is dropped.
  const [preview, setPreview] = useState<(MemberLinePreview & { line: string }) | null>(null)
  const asked = useRef(0)
  const { save: add, valueChange } = useFieldSave(fields, async () => {
    const status = await call('workspace.members.add', { line: line.trim() })
    setStatus(status)
    const added = status.members.find((m) => !before?.some((b) => b.id === m.id))
    pushToast({ level: 'success', message: `Added ${added?.name || 'the member'}. To join, they need your member line: send it to them.` })
    onClose()
  })
  const read = async (text: string) => {
    const ask = ++asked.current
    setPreview(null)
    if (!text.trim()) return
    const input = { line: text.trim() }
    const refused = problemsOf(workspaceChannels['workspace.members.inspect'].input, input)
    if (Object.keys(refused).length > 0) return fields.setProblems(refused)
    try {
      const found = await call('workspace.members.inspect', input)
      if (ask === asked.current) setPreview({ ...found, line: text })
    } catch (err) {
      if (ask === asked.current) fields.setProblems(problemsFromError(err) ?? { line: errorMessage(err) })
    }
  }
  const onLineChange = valueChange('line', setLine)
  const shown = preview?.line === line ? preview : null
  const who = shown?.name || 'your teammate'
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
          onChange={(e) => {
            onLineChange(e)
            void read(e.target.value)
          }}
          required
          spellCheck={false}
          placeholder="backdesk-member v1 age1…"
          {...fieldAria(lineId, lineProblem)}
        />
        <FieldProblem fieldId={lineId} problem={lineProblem} />
        <p className="field-hint">They copy it from “Your member line” on their Team workspace screen.</p>
        {shown && (
          <div className="banner banner-info" role="status" data-testid="member-line-fingerprint">
            <p>
              Fingerprint of {shown.name ? `${shown.name}’s` : 'this'} line: <code>{shown.fingerprint}</code>
            </p>
            <p>
              Before adding, ask {who} to read you the fingerprint on their Team workspace screen, by phone or in person, not through the channel this line came by.
              Add them only if the two are the same; the same fingerprint then shows beside their name under Members.
            </p>
          </div>
        )}
        <FormActions busy={add.busy} label="Add member" busyLabel="Re-encrypting…" error={add.error} onCancel={onClose} />
      </form>
    </Dialog>
  )
}
