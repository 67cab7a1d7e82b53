import { useEffect, useId, useMemo, useState, type ReactNode } from 'react'
import type { TicketTargetSummary } from '../../../../shared/model/tickets'
import { call } from '../../api'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useAction } from '../../components/use-action'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { selectConnections, useStore } from '../../store'
import { useClearedOnLock } from '../../store/use-cleared-on-lock'
import { RemoveWebhookSecretDialog } from './RemoveWebhookSecretDialog'

const GLOBAL = '\u0000global'

/** Where "Create ticket" sends: a webhook (with an optional secret) or an e-mail address, per customer or for all. */
export function TicketTargetsSettings(): ReactNode {
  const connections = useStore(selectConnections)
  const pushToast = useStore((s) => s.pushToast)
  const customers = useMemo(() => [...new Set(connections.map((c) => c.customer).filter(Boolean))].sort(), [connections])
  const [targets, setTargets] = useState<TicketTargetSummary[]>([])
  const [scope, setScope] = useState(GLOBAL)
  const [url, setUrl] = useState('')
  const [email, setEmail] = useState('')
  const [secret, setSecret] = useState('')
  const [removingSecret, setRemovingSecret] = useState(false)
  useClearedOnLock(() => setSecret(''))
  const ids = { scope: useId(), url: useId(), email: useId(), secret: useId() }
  const customer = scope === GLOBAL ? null : scope
  const current = targets.find((t) => t.customer === customer)

  const fill = (value: string, list: TicketTargetSummary[]) => {
    const t = list.find((x) => x.customer === (value === GLOBAL ? null : value))
    setUrl(t?.url ?? '')
    setEmail(t?.email ?? '')
    setSecret('')
  }
  const load = useAction(async () => {
    const list = await call('tickets.targets.list')
    setTargets(list)
    fill(scope, list)
  })
  const fields = useFieldProblems()
  const { save, valueChange } = useFieldSave(fields, async () => {
    await call('tickets.targets.set', { customer, url, email, ...(secret ? { secret } : {}) })
    setSecret('')
    await load.run()
    // Main keeps no target without a webhook or an address.
    const cleared = !url.trim() && !email.trim()
    pushToast({
      level: 'success',
      message: !cleared ? 'Ticket target saved.' : customer === null ? 'Ticket target removed.' : `${customer} has no target of its own now: its tickets go to the one for all customers.`
    })
  })
  const runLoad = load.run
  useEffect(() => {
    void runLoad()
  }, [runLoad])

  return (
    <section className="panel" aria-labelledby="tickets-heading">
      <h2 id="tickets-heading">Tickets</h2>
      <p className="muted small">
        “Create ticket” posts a JSON description of the item to a webhook of your ticket system, or opens a pre-filled e-mail when no webhook is set. A
        customer&apos;s own target comes first, else the one for all customers.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save.run()
        }}
        noValidate
      >
        <label htmlFor={ids.scope}>For</label>
        <select id={ids.scope} value={scope} onChange={(e) => {
            setScope(e.target.value)
            fill(e.target.value, targets)
            fields.setProblems({})
            save.setError(null)
          }}>
          <option value={GLOBAL}>All customers</option>
          {customers.map((c) => (
            <option key={c} value={c}>
              {c}
              {targets.some((t) => t.customer === c) ? ' (own target)' : ''}
            </option>
          ))}
        </select>
        <label htmlFor={ids.url}>Webhook URL</label>
        <input id={ids.url} type="url" spellCheck={false} value={url} placeholder="https://tickets.example.com/hooks/backdesk" onChange={valueChange('url', setUrl)}
          {...fieldAria(ids.url, fields.problems['url'])}
        />
        <FieldProblem fieldId={ids.url} problem={fields.problems['url']} />
        <label htmlFor={ids.secret}>Webhook secret {current?.hasSecret ? '(one is stored; type to replace it)' : '(optional)'}</label>
        <input
          id={ids.secret}
          type="password"
          autoComplete="off"
          value={secret}
          onChange={valueChange('secret', setSecret)}
          {...fieldAria(ids.secret, fields.problems['secret'], true)}
        />
        <FieldProblem fieldId={ids.secret} problem={fields.problems['secret']} />
        <p className="field-hint" id={`${ids.secret}-hint`}>Kept in the vault and only ever sent to this webhook, as a Bearer token and an HMAC signature of the body.</p>
        <label htmlFor={ids.email}>E-mail address when there is no webhook</label>
        <input id={ids.email} type="email" value={email} placeholder="servicedesk@example.com" onChange={valueChange('email', setEmail)}
          {...fieldAria(ids.email, fields.problems['email'])}
        />
        <FieldProblem fieldId={ids.email} problem={fields.problems['email']} />
        {(save.error || load.error) && (
          <p className="error-text" role="alert">
            {save.error ?? load.error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={save.busy}>
            Save ticket target
          </button>
          {current?.hasSecret && (
            <button type="button" className="btn" onClick={() => setRemovingSecret(true)}>
              Remove secret…
            </button>
          )}
        </div>
      </form>
      {removingSecret && (
        <RemoveWebhookSecretDialog
          customer={customer}
          onClose={() => setRemovingSecret(false)}
          onRemoved={(target) => {
            // Only the stored secret changed: what is typed in the other fields stays as typed.
            setTargets((list) => list.map((t) => (t.customer === target.customer ? target : t)))
            setRemovingSecret(false)
            pushToast({ level: 'success', message: 'Webhook secret removed.' })
          }}
        />
      )}
    </section>
  )
}
