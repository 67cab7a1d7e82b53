import { useEffect, useId, useState, type ReactNode } from 'react'
import type { ScheduleMode, WatchSettings as Settings } from '../../../../shared/model/watch'
import { call, shellKind } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { formatDateTime, formatIn } from '../../../../shared/format'
import { FormActions } from '../../components/FormActions'

/** The scan schedule (off, every N minutes, or cron), quiet hours, and browser notifications. */
export function WatchSettings(): ReactNode {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [mode, setMode] = useState<ScheduleMode>('interval')
  const [every, setEvery] = useState('60')
  const [cron, setCron] = useState('')
  const [atLaunch, setAtLaunch] = useState(true)
  const [notify, setNotify] = useState(true)
  const [quiet, setQuiet] = useState(false)
  const [quietStart, setQuietStart] = useState('22:00')
  const [quietEnd, setQuietEnd] = useState('07:00')
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission))
  const status = useStore((s) => s.watchStatus.value)
  const pushToast = useStore((s) => s.pushToast)
  const ids = { mode: useId(), every: useId(), cron: useId(), start: useId(), end: useId() }

  const apply = (s: Settings) => {
    setSettings(s)
    setMode(s.schedule.mode)
    setEvery(String(s.schedule.everyMinutes))
    setCron(s.schedule.cron)
    setAtLaunch(s.schedule.atLaunch)
    setNotify(s.notifications.enabled)
    setQuiet(s.notifications.quietHours.enabled)
    setQuietStart(s.notifications.quietHours.start)
    setQuietEnd(s.notifications.quietHours.end)
  }
  const load = useAction(async () => apply(await call('watch.settings.get')))
  const save = useAction(async () => {
    const minutes = Number(every)
    if (mode === 'interval' && (!Number.isInteger(minutes) || minutes < 5 || minutes > 10080)) throw new Error('Enter whole minutes from 5 to 10080.')
    apply(
      await call('watch.settings.set', {
        schedule: { mode, atLaunch, ...(mode === 'interval' ? { everyMinutes: minutes } : {}), ...(mode === 'cron' ? { cron } : {}) },
        notifications: { enabled: notify, quietHours: { enabled: quiet, start: quietStart, end: quietEnd } }
      })
    )
    await useStore.getState().loadWatchStatus()
    pushToast({ level: 'success', message: 'Schedule saved.' })
  })
  const runLoad = load.run
  useEffect(() => {
    void runLoad()
  }, [runLoad])

  return (
    <section className="panel" aria-labelledby="watch-heading">
      <h2 id="watch-heading">Scheduled checks</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save.run()
        }}
        noValidate
      >
        <label htmlFor={ids.mode}>Scan the fleet</label>
        <select id={ids.mode} value={mode} onChange={(e) => setMode(e.target.value as ScheduleMode)}>
          <option value="off">Only when I ask</option>
          <option value="interval">Every N minutes</option>
          <option value="cron">On a cron schedule</option>
        </select>
        {mode === 'interval' && (
          <>
            <label htmlFor={ids.every}>Minutes between scans</label>
            <input id={ids.every} inputMode="numeric" value={every} onChange={(e) => setEvery(e.target.value)} />
          </>
        )}
        {mode === 'cron' && (
          <>
            <label htmlFor={ids.cron}>Cron expression (minute hour day month weekday, local time)</label>
            <input id={ids.cron} spellCheck={false} value={cron} placeholder="0 7 * * 1-5" onChange={(e) => setCron(e.target.value)} />
          </>
        )}
        <label className="inline-check">
          <input type="checkbox" checked={atLaunch} onChange={(e) => setAtLaunch(e.target.checked)} /> Also scan when the vault is unlocked after Backdesk starts
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} /> Notify me of new failures
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} /> Quiet hours (no notification)
        </label>
        {quiet && (
          <div className="toolbar">
            <div className="inline-field">
              <label htmlFor={ids.start}>From</label>
              <input id={ids.start} type="time" value={quietStart} onChange={(e) => setQuietStart(e.target.value)} />
            </div>
            <div className="inline-field">
              <label htmlFor={ids.end}>To</label>
              <input id={ids.end} type="time" value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} />
            </div>
          </div>
        )}
        {shellKind() === 'web' && permission !== 'unsupported' && (
          <p className="field-hint">
            Browser notifications: {permission === 'granted' ? 'allowed' : permission === 'denied' ? 'blocked in this browser' : 'not allowed yet'}.{' '}
            {permission === 'default' && (
              <button type="button" className="btn btn-small" onClick={() => void Notification.requestPermission().then(setPermission)}>
                Allow browser notifications
              </button>
            )}
          </p>
        )}
        {status && (
          <p className="muted small" role="status">
            {status.state === 'off'
              ? 'No scheduled scan.'
              : status.state === 'paused'
                ? 'Paused while the vault is locked.'
                : status.state === 'running'
                  ? 'A scan is running.'
                  : status.nextRunAt
                    ? `Next scan ${formatIn(status.nextRunAt)} (${formatDateTime(status.nextRunAt)}).`
                    : ''}
            {status.backoff.length > 0 && ` Left out for now (provider down): ${status.backoff.map((b) => b.connectionName).join(', ')}.`}
          </p>
        )}
        <FormActions busy={save.busy} label="Save schedule" disabled={!settings} error={save.error ?? load.error} primary={false} />
      </form>
    </section>
  )
}
