import type { MouseEvent, ReactNode } from 'react'
import { useStore } from '../../store'
import { screenHash, type Screen } from '../../store/nav.slice'

/**
 * A real link to a screen (its `#/<screen>?params` address): a plain click navigates in place,
 * so the store stays the one source of truth; the address is the same one routing writes.
 */
export function ScreenLink({ to, className, children, onOpen }: { to: Screen; className?: string; children: ReactNode; onOpen?: () => void }): ReactNode {
  const navigate = useStore((s) => s.navigate)
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    e.preventDefault()
    onOpen?.()
    navigate(to)
  }
  return (
    <a href={screenHash(to)} className={className} onClick={onClick}>
      {children}
    </a>
  )
}
