import { useEffect, useId, useState, type ReactNode } from 'react'
import type { ScheduleMode, WatchSettings as Settings } from '../../../../shared/model/watch'
import { call, shellKind } from '../../api'
import { useAction } from '../../components/use-action'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useStore } from '../../store'
import { formatDateTime, formatIn } from '../../../../shared/format'
import { FormActions } from '../../components/FormActions'
import { FormField } from '../../components/FormField'
import { UnsavedChangesDialog } from '../../components/UnsavedChangesDialog'
import { useUnsavedChangesGuard } from '../../store/use-unsaved-changes-guard'
import { channels } from '../../../../shared/contract'
import { SCHEDULE_MAX_MINUTES, SCHEDULE_MIN_MINUTES } from '../../../../shared/model/watch'

// The form's fields, by the path of the value they edit in the settings (the contract's and
// main's messages name them so).
const EVERY = 'schedule.everyMinutes'
const CRON = 'schedule.cron'
const START = 'notifications.quietHours.start'
const END = 'notifications.quietHours.end'

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
  const fields = useFieldProblems({ wholePath: true })
  const { problems } = fields
  const ids = { mode: useId(), every: useId(), cron: useId(), start: useId(), end: useId() }
  // Edited since the settings were read or saved: leaving the screen asks first.
  const dirty =
    settings !== null &&
    (mode !== settings.schedule.mode ||
      every !== String(settings.schedule.everyMinutes) ||
      cron !== settings.schedule.cron ||
      atLaunch !== settings.schedule.atLaunch ||
      notify !== settings.notifications.enabled ||
      quiet !== settings.notifications.quietHours.enabled ||
      quietStart !== settings.notifications.quietHours.start ||
      quietEnd !== settings.notifications.quietHours.end)
  const unsaved = useUnsavedChangesGuard(dirty, 'the scan schedule')

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
  const { save, edited } = useFieldSave(fields, async () => {
    const minutes = Number(every)
    // The contract would say "a number"; the field says what number it needs.
    const minutesProblem: Record<string, string> =
      mode === 'interval' && (every.trim() === '' || !Number.isInteger(minutes) || minutes < SCHEDULE_MIN_MINUTES || minutes > SCHEDULE_MAX_MINUTES)
        ? { [EVERY]: `Enter whole minutes from ${SCHEDULE_MIN_MINUTES} to ${SCHEDULE_MAX_MINUTES}.` }
        : {}
    const input = {
      schedule: { mode, atLaunch, ...(mode === 'interval' ? { everyMinutes: minutes } : {}), ...(mode === 'cron' ? { cron } : {}) },
      notifications: { enabled: notify, quietHours: { enabled: quiet, start: quietStart, end: quietEnd } }
    }
    if (!fields.check(channels['watch.settings.set'].input, input, minutesProblem)) return
    apply(await call('watch.settings.set', input))
    await useStore.getState().loadWatchStatus()
    pushToast({ level: 'success', message: 'Schedule saved.' })
  })
  // Either end of the quiet hours can make the other's message wrong.
  const quietEdited = () => {
    edited(START)
    edited(END)
  }
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
        <select
          id={ids.mode}
          value={mode}
          onChange={(e) => {
            setMode(e.target.value as ScheduleMode)
            // The other mode's field is gone, and its message with it.
            edited(EVERY)
            edited(CRON)
          }}
        >
          <option value="off">Only when I ask</option>
          <option value="interval">Every N minutes</option>
          <option value="cron">On a cron schedule</option>
        </select>
        {mode === 'interval' && (
          <FormField label="Minutes between scans" id={ids.every} problem={problems[EVERY]}>
            <input
              id={ids.every}
              inputMode="numeric"
              value={every}
              onChange={(e) => {
                setEvery(e.target.value)
                edited(EVERY)
              }}
            />
          </FormField>
        )}
        {mode === 'cron' && (
          <FormField label="Cron expression (minute hour day month weekday, local time)" id={ids.cron} problem={problems[CRON]}>
            <input
              id={ids.cron}
              spellCheck={false}
              value={cron}
              placeholder="0 7 * * 1-5"
              onChange={(e) => {
                setCron(e.target.value)
                edited(CRON)
              }}
            />
          </FormField>
        )}
        <label className="check-line">
          <input type="checkbox" checked={atLaunch} onChange={(e) => setAtLaunch(e.target.checked)} /> Also scan when the vault is unlocked after Backdesk starts
        </label>
        <label className="check-line">
          <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} /> Notify me of new failures
        </label>
        <label className="check-line">
          <input
            type="checkbox"
            checked={quiet}
            onChange={(e) => {
              setQuiet(e.target.checked)
              quietEdited()
            }}
          /> Quiet hours (no notification)
        </label>
        {quiet && (
          <div className="toolbar">
            {(
              [
                [START, 'start', 'From', quietStart, setQuietStart],
                [END, 'end', 'To', quietEnd, setQuietEnd]
              ] as const
            ).map(([field, idKey, label, value, setValue]) => (
              <div className="inline-field" key={field}>
                <FormField label={label} id={ids[idKey]} problem={problems[field]}>
                  <input
                    id={ids[idKey]}
                    type="time"
                    value={value}
                    onChange={(e) => {
                      setValue(e.target.value)
                      quietEdited()
                    }}
                  />
                </FormField>
              </div>
            ))}
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
      {unsaved.asking && (
        <UnsavedChangesDialog title="Discard your changes to the scan schedule?" onKeepEditing={unsaved.keepEditing} onDiscard={unsaved.discard}>
          <p>What you changed here is thrown away and the schedule stays as it was. Keep editing takes you back to the form.</p>
        </UnsavedChangesDialog>
      )}
    </section>
  )
}
