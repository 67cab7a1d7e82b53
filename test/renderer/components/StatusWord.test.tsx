import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { StatusWord } from '../../../src/renderer/src/components/StatusWord'

describe('StatusWord', () => {
  it('shows the raw value when given no words', () => {
    render(<StatusWord value="IN_PROGRESS" />)
    expect(screen.getByText('IN_PROGRESS').className).toContain('badge-warn')
  })
  it('shows the words, the raw value in its tooltip, and colours by the raw value', () => {
    render(<StatusWord value="in_progress" words={{ in_progress: 'In progress' }} />)
    const badge = screen.getByText('In progress')
    expect(badge.getAttribute('title')).toBe('In progress (in_progress)')
    expect(badge.className).toContain('badge-warn')
  })
})
