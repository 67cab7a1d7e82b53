import { useCallback } from 'react'
import type { FleetRow } from '../../../../shared/model/fleet'
import { useStore } from '../../store'
import { drillParams } from '../fleet/fleet-view'

/** Opens an object in its provider console (a consumption unit on its node tab). */
export function useDrill(): (row: Pick<FleetRow, 'provider' | 'connectionId' | 'ids'>) => void {
  const navigate = useStore((s) => s.navigate)
  const setCloutilityView = useStore((s) => s.setCloutilityView)
  return useCallback(
    (row) => {
      if (row.provider === 'cloutility' && row.ids.businessUnitId !== undefined) {
        setCloutilityView(row.connectionId, {
          businessUnitId: row.ids.businessUnitId,
          ...(row.ids.consumerId !== undefined ? { consumptionUnitId: row.ids.consumerId, consumerTab: 'node' as const } : {})
        })
      }
      navigate({ id: 'connection', params: drillParams(row) })
    },
    [navigate, setCloutilityView]
  )
}
