import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConnectionCreateInput } from '../../../src/shared/contract/connections.contract'
import '../../../src/shared/contract/define'
import { ApiError } from '../../../src/renderer/src/api'
import { fieldAria, fieldProblems, problemsFromError, problemsOf, withoutProblem } from '../../../src/renderer/src/components/field-problems'
import { FormField } from '../../../src/renderer/src/components/FormField'

describe('problemsOf', () => {
  it('gives each field of a real contract schema one message in plain words', () => {
    const problems = problemsOf(ConnectionCreateInput, { provider: 'cloudback', name: '', baseUrl: 'not a url', apiKey: '' })
    expect(Object.keys(problems).sort()).toEqual(['apiKey', 'baseUrl', 'name'])
    for (const message of Object.values(problems)) {
      expect(message).not.toMatch(/expected|Too small|Invalid input|>=/)
    }
    expect(problems['baseUrl']).toMatch(/full URL/)
  })

  it('keeps the first of several messages for one field', () => {
    const schema = z.object({ code: z.string().min(3).regex(/^[a-z]+$/) })
    expect(problemsOf(schema, { code: '1' })).toEqual({ code: 'Use at least 3 characters.' })
  })

  it('is empty when the input passes', () => {
    expect(problemsOf(z.object({ a: z.string() }), { a: 'x' })).toEqual({})
  })

  it('reads the fields of a nested object, and puts whole-input problems under the form key', () => {
    const issues = [
      { path: ['connectionId'], message: 'Not yours' },
      { path: ['unit', 'name'], message: 'Enter a value.' },
      { path: [], message: 'Nothing changed.' }
    ]
    expect(fieldProblems(issues, { under: 'unit' })).toEqual({ name: 'Enter a value.' })
    expect(fieldProblems(issues, { formKey: 'all' })).toEqual({ connectionId: 'Not yours', unit: 'Enter a value.', all: 'Nothing changed.' })
  })

  it('keys by the whole dotted path for a form whose fields sit in several nested objects', () => {
    const issues = [
      { path: ['schedule', 'cron'], message: 'Not understood.' },
      { path: 'notifications.quietHours.end', message: 'The window would be empty.' },
      { path: ['notifications', 'quietHours', 'end'], message: 'A later message.' },
      { path: '', message: 'Nothing changed.' }
    ]
    expect(fieldProblems(issues, { wholePath: true, formKey: 'all' })).toEqual({
      'schedule.cron': 'Not understood.',
      'notifications.quietHours.end': 'The window would be empty.',
      all: 'Nothing changed.'
    })
  })
})

describe('problemsFromError', () => {
  it('maps the dotted paths of main’s VALIDATION answer to fields', () => {
    const err = new ApiError({
      code: 'VALIDATION',
      message: 'Invalid input at "unit.name": Enter a value.',
      retryable: false,
      details: { issues: [{ path: 'unit.name', message: 'Enter a value.' }, { path: 'unit.name', message: 'Use at most 200 characters.' }] }
    })
    expect(problemsFromError(err, { under: 'unit' })).toEqual({ name: 'Enter a value.' })
  })

  it('reads a wrong passphrase that names its field the same way', () => {
    const err = new ApiError({ code: 'WRONG_PASSPHRASE', message: 'Wrong.', retryable: false, details: { issues: [{ path: 'passphrase', message: 'Wrong.' }] } })
    expect(problemsFromError(err)).toEqual({ passphrase: 'Wrong.' })
  })

  it('is undefined for any other error, so the form shows it as a banner', () => {
    expect(problemsFromError(new ApiError({ code: 'OFFLINE', message: 'No network.', retryable: true }))).toBeUndefined()
    expect(problemsFromError(new Error('boom'))).toBeUndefined()
  })
})

describe('withoutProblem', () => {
  it('drops one field’s message and keeps the others', () => {
    expect(withoutProblem({ a: 'x', b: 'y' }, 'a')).toEqual({ b: 'y' })
    const same = { b: 'y' }
    expect(withoutProblem(same, 'a')).toBe(same)
  })
})

describe('fieldAria and FormField', () => {
  it('marks a field invalid and describes it by its message and hint', () => {
    expect(fieldAria('f', 'Enter a value.', true)).toEqual({ 'aria-invalid': true, 'aria-describedby': 'f-problem f-hint' })
    expect(fieldAria('f', undefined, false)).toEqual({})
  })

  it('renders the message beside the control and ties them together', () => {
    render(
      <FormField id="unit-name" label="Name" hint="As the customer knows it" problem="Enter a value.">
        <input id="unit-name" aria-describedby="extra" />
      </FormField>
    )
    const input = screen.getByLabelText('Name')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(input.getAttribute('aria-describedby')).toBe('unit-name-problem unit-name-hint extra')
    expect(screen.getByText('Enter a value.').id).toBe('unit-name-problem')
  })

  it('shows no message and no invalid mark once the problem is gone', () => {
    render(
      <FormField id="unit-name" label="Name">
        <input id="unit-name" />
      </FormField>
    )
    const input = screen.getByLabelText('Name')
    expect(input.hasAttribute('aria-invalid')).toBe(false)
    expect(input.hasAttribute('aria-describedby')).toBe(false)
  })
})
