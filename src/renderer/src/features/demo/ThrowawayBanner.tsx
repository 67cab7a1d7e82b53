import type { ReactNode } from 'react'
import { useStore } from '../../store'

/** A `--demo` session: says, above every screen, that nothing entered here is kept. */
export function ThrowawayBanner(): ReactNode {
  const throwaway = useStore((s) => s.about.value?.throwaway ?? false)
  if (!throwaway) return null
  return (
    <div className="banner banner-warn" role="region" aria-label="Throwaway session">
      <strong>Throwaway demo session.</strong> Nothing is kept: this vault and its data folder are deleted when Backdesk stops. Do not
      enter real logins here.
    </div>
  )
}
