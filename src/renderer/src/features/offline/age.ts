/** "12 minutes ago", "3 hours ago", "2 days ago" — for snapshot ages. */
export function formatAgo(iso: string | undefined, now: number = Date.now()): string {
  if (!iso) return 'an unknown time ago'
  const ms = Math.max(0, now - Date.parse(iso))
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 1) return 'less than a minute ago'
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`
  const days = Math.floor(hours / 24)
  return `${days} day${days === 1 ? '' : 's'} ago`
}
