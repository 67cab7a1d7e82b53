import { useCallback, useEffect, useState } from 'react'
import { readPreference, writePreference } from '../components/stored-preferences'

// Whether the user hid the sidebar, kept with the other display preferences: a window half a
// screen wide gives its tables the 248 px the sidebar takes, and the choice outlasts a restart.
const KEY = 'backdesk.sidebarHidden'

/** Whether the sidebar is hidden, and the switch. */
export function useSidebarHidden(): [hidden: boolean, toggle: () => void] {
  const [hidden, setHidden] = useState(() => readPreference(KEY) === true)
  useEffect(() => writePreference(KEY, hidden ? true : undefined), [hidden])
  const toggle = useCallback(() => setHidden((was) => !was), [])
  return [hidden, toggle]
}
