import { useState, type ReactNode } from 'react'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { Tabs } from '../../components/Tabs'
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
  // The Restores tab's "Go to Tasks" leaves with its button: the focus goes to the Tasks tab, so
  // the keyboard goes on from there, not from the page's start.
  const [focusTab, setFocusTab] = useState(0)
  const showTasks = () => {
    setTab('tasks')
    setFocusTab((n) => n + 1)
  }
  return (
    <div data-testid="cloudally-console">
      <Tabs label="CloudAlly" tabs={tabs.map((t) => ({ id: t, label: LABELS[t] }))} selected={tab} onSelect={setTab} focusRequest={focusTab}>
        {tab === 'overview' && <OverviewView connectionId={id} />}
        {tab === 'tasks' && <TasksView connectionId={id} partnerMode={partner} focusTaskId={focus.startsWith('task:') ? focus.slice(5) : undefined} />}
        {tab === 'resellers' && <ResellersView connectionId={id} />}
        {tab === 'users' && <UsersView connectionId={id} />}
        {tab === 'bills' && <BillsView connectionId={id} />}
        {tab === 'restores' && <RestoreList connectionId={id} onShowTasks={showTasks} />}
      </Tabs>
    </div>
  )
}
