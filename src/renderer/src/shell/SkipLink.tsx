import type { ReactNode } from 'react'

/** The first stop of the keyboard: jumps past the sidebar to the element with id `target`. */
export function SkipLink({ target }: { target: string }): ReactNode {
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(event) => {
        // Not a hash change: the address names the screen (app/routes.ts).
        event.preventDefault()
        document.getElementById(target)?.focus()
      }}
    >
      Skip to content
    </a>
  )
}
