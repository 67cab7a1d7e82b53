import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError } from '../../../src/renderer/src/api'
import { useFieldProblems, useFieldSave } from '../../../src/renderer/src/components/use-field-problems'

/** A two-field form whose save answers with whatever the test hands it. */
function TwoFields({ answer, sent }: { answer: () => Promise<unknown>; sent: Array<[string, string, boolean]> }): ReactNode {
  const [name, setName] = useState('')
  const [note, setNote] = useState('')
  const fields = useFieldProblems()
  const { save, valueChange } = useFieldSave(fields, async (draft: boolean) => {
    sent.push([name, note, draft])
    await answer()
  })
  return (
    <form>
      <input aria-label="Name" value={name} onChange={valueChange('name', setName)} />
      <textarea aria-label="Note" value={note} onChange={valueChange('note', setNote)} />
      <button type="button" onClick={() => void save.run(true)}>
        Save
      </button>
      <output aria-label="problems">{JSON.stringify(fields.problems)}</output>
      {save.error && <p role="alert">{save.error}</p>}
    </form>
  )
}

const problemsShown = () => JSON.parse(screen.getByLabelText('problems').textContent ?? '{}') as Record<string, string>

describe('useFieldSave', () => {
  it('puts main’s field messages under their fields and one about the whole input in the banner; an edit takes its own and the banner away', async () => {
    const sent: Array<[string, string, boolean]> = []
    const refused = new ApiError({
      code: 'VALIDATION',
      message: 'Invalid input.',
      retryable: false,
      details: { issues: [{ path: 'name', message: 'Enter a value.' }, { path: 'note', message: 'Too long.' }, { path: '', message: 'Nothing to change.' }] }
    })
    render(<TwoFields answer={() => Promise.reject(refused)} sent={sent} />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    expect(problemsShown()).toEqual({ name: 'Enter a value.', note: 'Too long.' })
    expect(screen.getByRole('alert').textContent).toBe('Nothing to change.')

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Acme' } })
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Acme')
    expect(problemsShown()).toEqual({ note: 'Too long.' })
    expect(screen.queryByRole('alert')).toBeNull()
    expect(sent).toEqual([['', '', true]])
  })

  it('shows a whole-input message alone in the banner, with no field marked', async () => {
    const refused = new ApiError({ code: 'VALIDATION', message: 'Invalid input.', retryable: false, details: { issues: [{ path: [], message: 'Set a webhook or an e-mail address.' }] } })
    render(<TwoFields answer={() => Promise.reject(refused)} sent={[]} />)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    expect(screen.getByRole('alert').textContent).toBe('Set a webhook or an e-mail address.')
    expect(problemsShown()).toEqual({})
  })

  it('shows an error that names no field as the form’s banner, until a field is edited', async () => {
    const sent: Array<[string, string, boolean]> = []
    render(<TwoFields answer={() => Promise.reject(new ApiError({ code: 'OFFLINE', message: 'The server did not answer.', retryable: true }))} sent={sent} />)
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'first' } })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    })
    expect(screen.getByRole('alert').textContent).toBe('The server did not answer.')
    expect(sent).toEqual([['', 'first', true]])

    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'second' } })
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByLabelText<HTMLTextAreaElement>('Note').value).toBe('second')
  })
})

/** A form that checks with a schema before sending, as the workspace forms do. */
function Checked({ sent }: { sent: string[] }): ReactNode {
  const [name, setName] = useState('')
  const fields = useFieldProblems()
  const schema = z.object({ name: z.string().min(1, 'Enter a name.') }).refine((v) => v.name !== 'same', 'Nothing to change.')
  return (
    <form>
      <input aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} />
      <button type="button" onClick={() => fields.check(schema, { name }) && sent.push(name)}>
        Save
      </button>
      <output aria-label="problems">{JSON.stringify(fields.problems)}</output>
    </form>
  )
}

describe('useFieldProblems().check', () => {
  it('holds a send back for a field’s problem, but leaves a problem of the whole input to main, whose answer the banner shows', () => {
    const sent: string[] = []
    render(<Checked sent={sent} />)
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(problemsShown()).toEqual({ name: 'Enter a name.' })
    expect(sent).toEqual([])

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'same' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(problemsShown()).toEqual({})
    expect(sent).toEqual(['same'])
  })
})
