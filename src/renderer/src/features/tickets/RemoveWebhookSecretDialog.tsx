import type { ReactNode } from 'react'
import type { TicketTargetSummary } from '../../../../shared/model/tickets'
import { call } from '../../api'
import { ConfirmDialog } from '../../components/Dialog'
import { useAction } from '../../components/use-action'

/**
 * Removes a ticket target's stored webhook secret after asking: the vault keeps the only copy
 * Backdesk has, and the form never shows it, so it can only be typed in again from the ticket
 * system.
 */
export function RemoveWebhookSecretDialog({
  customer,
  onRemoved,
  onClose
}: {
  /** The target's customer; null for the target for all customers. */
  customer: string | null
  onRemoved: (target: TicketTargetSummary) => void
  onClose: () => void
}): ReactNode {
  const remove = useAction(async () => {
    onRemoved(await call('tickets.targets.set', { customer, secret: null }))
  })
  return (
    <ConfirmDialog
      title="Remove the webhook secret?"
      confirmLabel="Remove secret"
      busy={remove.busy}
      error={remove.error}
      onCancel={onClose}
      onConfirm={() => void remove.run()}
    >
      <p>
        Tickets {customer === null ? 'for all customers' : <>for {customer}</>} are then sent without a Bearer token or a signature. Backdesk keeps no other copy: to use
        the secret again, copy it from your ticket system and type it in.
      </p>
    </ConfirmDialog>
  )
}
