import { useEffect, useId, useState, type ReactNode } from 'react'
import { logoSizeProblem, type ReportBranding } from '../../../../shared/model/reports'
import { call } from '../../api'
import { FieldProblem } from '../../components/FieldProblem'
import { fieldAria } from '../../components/field-problems'
import { useAction } from '../../components/use-action'
import { useFieldProblems, useFieldSave } from '../../components/use-field-problems'
import { useStore } from '../../store'
import { RemoveLogoDialog } from './RemoveLogoDialog'

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** The company name and logo at the top of every report. */
export function BrandingForm(): ReactNode {
  const [branding, setBranding] = useState<ReportBranding | null>(null)
  const [name, setName] = useState('')
  const [logo, setLogo] = useState<File | null>(null)
  const [removingLogo, setRemovingLogo] = useState(false)
  const pushToast = useStore((s) => s.pushToast)
  const ids = { name: useId(), logo: useId() }
  const load = useAction(async () => {
    const b = await call('reports.branding.get')
    setBranding(b)
    setName(b.companyName)
  })
  const fields = useFieldProblems()
  const { save, edited, valueChange } = useFieldSave(fields, async () => {
    const b = await call('reports.branding.set', { companyName: name, ...(logo ? { logoBase64: await base64Of(logo) } : {}) })
    setBranding(b)
    setLogo(null)
    pushToast({ level: 'success', message: 'Report branding saved.' })
  })
  const runLoad = load.run
  useEffect(() => {
    void runLoad()
  }, [runLoad])
  return (
    <section className="panel" aria-labelledby="branding-heading">
      <h2 id="branding-heading">Branding</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          // A file main would refuse is not sent: its size is said under the field already.
          const tooLarge = logo ? logoSizeProblem(logo.size) : undefined
          if (tooLarge) return fields.setProblems((p) => ({ ...p, logoBase64: tooLarge }))
          void save.run()
        }}
        noValidate
      >
        <label htmlFor={ids.name}>Company name on the reports</label>
        <input
          id={ids.name}
          maxLength={200}
          value={name}
          onChange={valueChange('companyName', setName)}
          {...fieldAria(ids.name, fields.problems['companyName'])}
        />
        <FieldProblem fieldId={ids.name} problem={fields.problems['companyName']} />
        <label htmlFor={ids.logo}>Logo (PNG or JPEG, at most 1 MiB){branding?.hasLogo ? ': one is set' : ''}</label>
        <input
          id={ids.logo}
          type="file"
          accept="image/png,image/jpeg"
          onChange={(e) => {
            const file = e.target.files?.[0] ?? null
            setLogo(file)
            edited('logoBase64')
            // Said as soon as the file is chosen, not after a save that could not work.
            const tooLarge = file ? logoSizeProblem(file.size) : undefined
            if (tooLarge) fields.setProblems((p) => ({ ...p, logoBase64: tooLarge }))
          }}
          {...fieldAria(ids.logo, fields.problems['logoBase64'])}
        />
        <FieldProblem fieldId={ids.logo} problem={fields.problems['logoBase64']} />
        {(save.error || load.error) && (
          <p className="error-text" role="alert">
            {save.error ?? load.error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={save.busy}>
            Save branding
          </button>
          {branding?.hasLogo && (
            <button type="button" className="btn" disabled={save.busy} onClick={() => setRemovingLogo(true)}>
              Remove logo…
            </button>
          )}
        </div>
      </form>
      {removingLogo && (
        <RemoveLogoDialog
          onClose={() => setRemovingLogo(false)}
          onRemoved={(b) => {
            // Only the logo changed: a company name typed but not saved stays as typed.
            setBranding(b)
            setRemovingLogo(false)
            pushToast({ level: 'success', message: 'Logo removed.' })
          }}
        />
      )}
    </section>
  )
}
