import { useState, type ReactNode } from 'react'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { useStore } from '../../store'
import { RestoreList } from './RestoreList'
import { OverviewView } from './OverviewView'
import { BillsView, ResellersView, UsersView } from './PartnerLists'
import { TasksView } from './TasksView'

type Tab = 'overview' | 'tasks' | 'resellers' | 'users' | 'bills' | 'restores'

const LABELS: Record<Tab, string> = {
  overview: 'Overview',
  tasks: 'Tasks',
  resellers: 'Resellers',
  users: 'Users',
  bills: 'Bills',
  restores: 'Restores'
}

/** The CloudAlly console under a connection's header. Portal users see tasks and restores only. */
export function CloudAllyConsole({ connection }: { connection: ConnectionSummary }): ReactNode {
  const partner = connection.mode !== 'user'
  const tabs: Tab[] = partner ? ['overview', 'tasks', 'resellers', 'users', 'bills', 'restores'] : ['tasks', 'restores']
  const [tab, setTab] = useState<Tab>(tabs[0] as Tab)
  // A search result or fleet row may point at a task or a user: open the tab that shows it.
  const focus = useStore((s) => {
    const params = s.screen.id === 'connection' ? s.screen.params : undefined
    return params?.['task'] !== undefined ? `task:${params['task']}` : params?.['user'] !== undefined && partner ? `user:${params['user']}` : ''
  })
  const [seenFocus, setSeenFocus] = useState('')
  if (focus !== seenFocus) {
    setSeenFocus(focus)
    if (focus.startsWith('task:')) setTab('tasks')
    else if (focus.startsWith('user:')) setTab('users')
  }
  const id = connection.id
  return (
    <div data-testid="cloudally-console">
      <div className="tabs" role="tablist" aria-label="CloudAlly">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" className="tab" id={`ca-tab-${t}`} aria-selected={tab === t} aria-controls="ca-tabpanel" onClick={() => setTab(t)}>
            {LABELS[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="ca-tabpanel" aria-labelledby={`ca-tab-${tab}`}>
        {tab === 'overview' && <OverviewView connectionId={id} />}
        {tab === 'tasks' && <TasksView connectionId={id} partnerMode={partner} focusTaskId={focus.startsWith('task:') ? focus.slice(5) : undefined} />}
        {tab === 'resellers' && <ResellersView connectionId={id} />}
        {tab === 'users' && <UsersView connectionId={id} />}
        {tab === 'bills' && <BillsView connectionId={id} />}
        {tab === 'restores' && <RestoreList connectionId={id} />}
      </div>
    </div>
  )
}
