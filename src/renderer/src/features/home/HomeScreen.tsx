import type { ReactNode } from 'react'

export function HomeScreen(): ReactNode {
  return (
    <section className="panel" aria-labelledby="home-heading">
      <h1 id="home-heading">Overview</h1>
      <p>
        Backdesk puts your customers&apos; Cloutility business units and backup nodes, CloudAlly SaaS backups and
        Cloudback repository definitions in one window.
      </p>
    </section>
  )
}
