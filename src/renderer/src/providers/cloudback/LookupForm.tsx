import { useState, type ReactNode } from 'react'
import {
  accountProblem,
  CLOUDBACK_ACCOUNT_MAX,
  CLOUDBACK_PLATFORM_LABELS,
  CLOUDBACK_PLATFORMS,
  CLOUDBACK_SUBJECT_NAME_MAX,
  subjectNameProblem,
  type CloudbackPlatform,
  type CloudbackSubjectType,
  type TrackedDefinition
} from '../../../../shared/providers/cloudback/model'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { FormActions } from '../../components/FormActions'

const ACCOUNT_LABEL: Record<CloudbackPlatform, string> = {
  GitHub: 'Account (user or organization)',
  GitLab: 'Group or user (subgroups as group/subgroup)',
  AzureDevOps: 'Organization'
}

const FORMAT_HELP: Record<string, string> = {
  'GitHub|Repository': 'The repository name only, e.g. demo-repository (the user or organization goes in Account).',
  'GitLab|Repository': 'The project path only, e.g. my-project (its group path, subgroups included, goes in Account).',
  'AzureDevOps|Repository': 'project/repository, e.g. my-project/demo-repo.',
  'AzureDevOps|Project': 'The project name only, e.g. my-project.'
}

/** Look up a backup definition by platform, account and subject; it joins the tracked list. */
export function LookupForm({ connectionId, onFound }: { connectionId: string; onFound: (d: TrackedDefinition) => void }): ReactNode {
  const put = useStore((s) => s.putCloudbackTracked)
  const [platform, setPlatform] = useState<CloudbackPlatform>('GitHub')
  const [subjectType, setSubjectType] = useState<CloudbackSubjectType>('Repository')
  const [account, setAccount] = useState('')
  const [subjectName, setSubjectName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const lookup = useAction(async () => {
    const d = await call('cloudback.definition.get', { connectionId, platform, account: account.trim(), subjectName: subjectName.trim(), subjectType })
    put(connectionId, d)
    onFound(d)
  })
  // Any edit makes the last message stale: it was about the form as it was.
  const edited = () => {
    setProblem(null)
    lookup.setError(null)
  }
  // GitHub repositories and GitLab projects are both "Repository" subjects; only Azure DevOps has projects as well.
  const type = platform === 'AzureDevOps' ? subjectType : 'Repository'
  return (
    <section className="panel" aria-labelledby="cb-lookup">
      <h2 id="cb-lookup">Look up a backup definition</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          const p = !account.trim() ? 'Enter the account or organization' : (accountProblem(platform, account) ?? subjectNameProblem(platform, type, subjectName))
          setProblem(p)
          if (!p) void lookup.run()
        }}
        noValidate
      >
        <div className="form-grid three">
          <div>
            <label htmlFor="cb-platform">Platform</label>
            <select
              id="cb-platform"
              value={platform}
              onChange={(e) => {
                const p = e.target.value as CloudbackPlatform
                setPlatform(p)
                if (p !== 'AzureDevOps') setSubjectType('Repository')
                edited()
              }}
            >
              {CLOUDBACK_PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {CLOUDBACK_PLATFORM_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="cb-account">{ACCOUNT_LABEL[platform]}</label>
            <input
              id="cb-account"
              value={account}
              onChange={(e) => {
                setAccount(e.target.value)
                edited()
              }}
              maxLength={CLOUDBACK_ACCOUNT_MAX}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div>
            <label htmlFor="cb-type">Subject type</label>
            <select
              id="cb-type"
              value={type}
              disabled={platform !== 'AzureDevOps'}
              onChange={(e) => {
                setSubjectType(e.target.value as CloudbackSubjectType)
                edited()
              }}
            >
              <option value="Repository">Repository</option>
              {platform === 'AzureDevOps' && <option value="Project">Project</option>}
            </select>
          </div>
        </div>
        <label htmlFor="cb-subject">{type === 'Project' || platform === 'GitLab' ? 'Project' : 'Repository'}</label>
        <input
          id="cb-subject"
          value={subjectName}
          onChange={(e) => {
            setSubjectName(e.target.value)
            edited()
          }}
          maxLength={CLOUDBACK_SUBJECT_NAME_MAX}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="cb-subject-help"
        />
        <p className="field-hint" id="cb-subject-help">
          {FORMAT_HELP[`${platform}|${type}`]}
        </p>
        <FormActions busy={lookup.busy} label="Look up" busyLabel="Looking up…" error={problem ?? lookup.error} />
      </form>
    </section>
  )
}
