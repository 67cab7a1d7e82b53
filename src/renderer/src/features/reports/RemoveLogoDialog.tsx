import type { ReactNode } from 'react'
import type { ReportBranding } from '../../../../shared/model/reports'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'

/**
 * Removes the report logo after asking: Backdesk keeps no other copy, so it can only be chosen
 * again from the file. Only the logo is sent: an unsaved company name is not saved with it.
 */
export function RemoveLogoDialog({ onRemoved, onClose }: { onRemoved: (branding: ReportBranding) => void; onClose: () => void }): ReactNode {
  const remove = useAction(async () => {
    onRemoved(await call('reports.branding.set', { logoBase64: null }))
  })
  return (
    <ConfirmDialog title="Remove the logo?" confirmLabel="Remove logo" busy={remove.busy} error={remove.error} onCancel={onClose} onConfirm={() => void remove.run()}>
      <p>Reports made from now on have no logo at their top. Backdesk keeps no other copy: to use it again, choose its file again.</p>
    </ConfirmDialog>
  )
}
