import { useEffect, type ReactNode } from 'react'
import { useStore } from '../../store'
import { providersInWords } from '../../providers/registry'
import { KeyboardKeys } from './KeyboardKeys'

/** Versions as reported by the running shell (never compiled in). */
export function AboutPanel(): ReactNode {
  const about = useStore((s) => s.about.value)
  const error = useStore((s) => s.about.error)
  const load = useStore((s) => s.loadAbout)
  const pushToast = useStore((s) => s.pushToast)
  useEffect(() => {
    void load()
  }, [load])

  if (error) return <p role="alert">{error}</p>
  if (!about) return <p>Loading…</p>
  const rows: Array<[string, string]> = [
    ['Version', about.version],
    ['Shell', about.shell === 'electron' ? 'Electron (desktop)' : 'Web shell (browser on 127.0.0.1)'],
    ['Electron', about.versions.electron ?? 'not running in Electron'],
    ['Chrome', about.versions.chrome ?? (about.shell === 'web' ? browserVersion() : 'unknown')],
    ['Node', about.versions.node],
    ['V8', about.versions.v8 ?? 'unknown'],
    ['Platform', `${about.platform} (${about.arch})`],
    ['Data folder', about.dataDir]
  ]
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="about-heading">
        <h1 id="about-heading">About Backdesk</h1>
        <p className="muted">
          One console for the {providersInWords((p) => p.label)} accounts of every customer. Secrets stay in the main process; this
          window never sees them.
        </p>
        <dl className="facts facts-wide" data-testid="about-facts">
          {rows.map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {/* For a support ticket or a colleague: the versions as lines of text. */}
        <button
          type="button"
          className="btn"
          onClick={() => {
            navigator.clipboard.writeText(rows.map(([label, value]) => `${label}: ${value}`).join('\n')).then(
              () => pushToast({ level: 'success', message: 'Details copied to the clipboard.' }),
              () => pushToast({ level: 'error', message: 'The clipboard could not be written: select the details and copy them instead.' })
            )
          }}
        >
          Copy details
        </button>
      </section>
      <KeyboardKeys />
    </div>
  )
}

function browserVersion(): string {
  const match = /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent)
  return match?.[1] ? `${match[1]} (this browser)` : 'this browser'
}
