import { useCallback } from 'react'
import type { FleetRow } from '../../../../shared/model/fleet'
import { useStore } from '../../store'
import { providerUi } from '../../providers/registry'
import { drillParams } from '../fleet/fleet-view'

/** Opens an object in its provider console (for example a consumption unit on its node tab). */
export function useDrill(): (row: Pick<FleetRow, 'provider' | 'connectionId' | 'ids'>) => void {
  const navigate = useStore((s) => s.navigate)
  return useCallback(
    (row) => {
      providerUi(row.provider).revealFleetRow?.(row)
      navigate({ id: 'connection', params: drillParams(row) })
    },
    [navigate]
  )
}
