import type { ReactNode } from 'react'
import { CONNECTION_HEALTH_LABEL, type ConnectionHealth } from '../../../shared/model/overview'

/**
 * A connection's (or a unit's) health as a dot with its words: an image whose label says the
 * health, and a tooltip with why. Colour is never the only sign: the shape differs too.
 */
export function HealthDot({ name, health, reason }: { name?: string; health: ConnectionHealth; reason?: string | undefined }): ReactNode {
  // Inside an item that already says what it is (a tree row), the words alone.
  const label = name ? `${name}: ${CONNECTION_HEALTH_LABEL[health]}` : CONNECTION_HEALTH_LABEL[health]
  return <span role="img" className={`health-dot health-${health}`} aria-label={label} title={reason ? `${label} — ${reason}` : label} data-health={health} />
}
