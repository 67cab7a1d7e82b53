// The tray / menu-bar icon: how many items need attention (the title on macOS, the tooltip and the
// dock/launcher badge elsewhere), and a menu with "Scan now". The icon is a 32 px PNG kept here so
// the packaged app needs no extra file.
import { app, Menu, nativeImage, Tray } from 'electron'

const ICON_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAYElEQVR42mNgwAH081//pyZmIAZQ21KSHEMvy7E6gt6WYzhiZDtgoCyHO4JYhaSAUQeQ4pCh6wBy1Yw6YDQRjjpgNBeMZsNRB9DNAVRvDwzLduFos3zwdM0GRed0oLrnAHu4tAPHKD8JAAAAAElFTkSuQmCC'

export interface AttentionTray {
  update(state: { count: number; newFailures: number }): void
  destroy(): void
}

export function createAttentionTray(actions: { open(): void; scanNow(): void; quit(): void }): AttentionTray {
  const image = nativeImage.createFromBuffer(Buffer.from(ICON_PNG_BASE64, 'base64')).resize({ width: 16, height: 16 })
  const tray = new Tray(image)
  const render = (count: number, newFailures: number) => {
    const label = count === 0 ? 'Nothing needs attention' : `${count} item${count === 1 ? '' : 's'} need attention`
    const fresh = newFailures ? ` (${newFailures} new)` : ''
    tray.setToolTip(`Backdesk: ${label}${fresh}`)
    if (process.platform === 'darwin') tray.setTitle(count ? String(count) : '')
    app.setBadgeCount?.(count)
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: label + fresh, enabled: false },
        { type: 'separator' },
        { label: 'Open Backdesk', click: actions.open },
        { label: 'Scan now', click: actions.scanNow },
        { type: 'separator' },
        { label: 'Quit', click: actions.quit }
      ])
    )
  }
  render(0, 0)
  tray.on('click', actions.open)
  return {
    update: (s) => render(s.count, s.newFailures),
    destroy: () => tray.destroy()
  }
}
