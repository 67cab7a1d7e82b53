import type { ReactNode } from 'react'
import { modShortcut } from '../../components/shortcut-keys'

/** Each row: its keys (each drawn as a key of its own), where they work, and what they do there. */
const KEYS: ReadonlyArray<{ keys: string[]; where: string; does: string }> = [
  { keys: [modShortcut('K').label], where: 'Anywhere', does: 'Search everywhere: screens by name, connections and what they hold' },
  { keys: [modShortcut('B').label], where: 'Anywhere', does: 'Hide or show the sidebar' },
  { keys: ['Tab'], where: 'First on a screen', does: 'Skip to content, past the sidebar' },
  { keys: ['↑', '↓', 'Enter', 'Esc'], where: 'Search', does: 'Move between the results, open one, close' },
  { keys: ['Esc'], where: 'A dialog', does: 'Cancel and close' },
  { keys: ['←', '→', 'Home', 'End'], where: 'Tabs', does: 'The previous, next, first or last tab' },
  { keys: ['↑', '↓', '←', '→', 'Home', 'End', 'Enter'], where: 'The business-unit tree', does: 'Move, close or open a branch, open the unit' },
  { keys: ['Home', 'End'], where: 'A long table, its scroll area focused', does: 'The first or the last row' },
  { keys: ['←', '→', 'Home', 'Esc'], where: "A column header's edge", does: 'Narrower, wider (Shift: further), back to its default width' },
  { keys: ['←', '→', 'Home', 'End', 'Enter'], where: "The business-unit tree's edge", does: 'Narrower, wider (Shift: further), narrowest, widest, back to its default width' }
]

/** The keys Backdesk answers, with this platform's Ctrl/⌘. */
export function KeyboardKeys(): ReactNode {
  return (
    <section className="panel" aria-labelledby="keyboard-heading">
      <h2 id="keyboard-heading">Keyboard</h2>
      <table className="keys">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Where</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {KEYS.map((row) => (
            <tr key={`${row.where}:${row.keys.join(' ')}`}>
              <td>
                {row.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{row.where}</td>
              <td>{row.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
