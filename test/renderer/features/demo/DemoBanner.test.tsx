import { render, screen } from '@testing-library/react'
import { describe, expect, it, onTestFinished } from 'vitest'
import { DemoBanner } from '../../../../src/renderer/src/features/demo/DemoControls'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded, received } from '../../../../src/renderer/src/store/resource'

describe('DemoBanner', () => {
  it('keeps its sentence one piece of text, so the banner wraps it as a sentence and not word group by word group', () => {
    useStore.setState({ demo: received(notLoaded(), { active: true, running: true, connections: [] }) })
    onTestFinished(() => useStore.setState({ demo: notLoaded() }))
    render(<DemoBanner />)
    const banner = screen.getByRole('region', { name: 'Demo mode' })
    expect(banner.textContent).toContain('Demo workspace: connections marked “demo” talk to Backdesk’s built-in simulator, not to real services.')
    // The banner lays its children out as flex items: loose text beside an element would be an item
    // of its own, set apart by the gap (": connections…" wrapping away from "Demo workspace").
    const loose = [...banner.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())
    expect(loose.map((n) => n.textContent)).toEqual([])
  })
})
