import type { ReactNode } from 'react'
import { selectMainReachable, useStore } from '../store'

/** Bottom line: which shell, whether main answers, and (once the vault exists) its state. */
export function StatusBar({ children }: { children?: ReactNode }): ReactNode {
  const shell = useStore((s) => s.about.value?.shell)
  const reachable = useStore(selectMainReachable)
  return (
    <footer className="status-bar" role="contentinfo">
      <span data-testid="status-main">
        {reachable === null ? 'Connecting…' : reachable ? 'Main process: connected' : 'Main process: not reachable'}
      </span>
      {children}
      <span className="spacer" />
      <span data-testid="status-shell">{shell === 'web' ? 'Web shell' : shell === 'electron' ? 'Desktop' : ''}</span>
    </footer>
  )
}
