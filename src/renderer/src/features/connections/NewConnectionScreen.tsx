import type { ReactNode } from 'react'
import { useStore } from '../../store'
import { ConnectionEditor } from './ConnectionEditor'

export function NewConnectionScreen(): ReactNode {
  const navigate = useStore((s) => s.navigate)
  return (
    <ConnectionEditor
      onDone={(created) => navigate(created ? { id: 'connection', params: { id: created.id } } : { id: 'home' })}
    />
  )
}
