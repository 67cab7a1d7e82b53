import { AppError } from '../../../shared/errors'
import type { Clipboard } from '../platform/platform'

export const CLIPBOARD_CLEAR_MS = 30_000

/**
 * Copies a secret to the OS clipboard from main (the renderer never sees it) and clears it after
 * `clearAfterMs`, but only if the clipboard still holds that value: whatever the user copied
 * since is left alone. `clearNow` runs on vault lock.
 */
export class SecretClipboard {
  private pending: { value: string; timer: ReturnType<typeof setTimeout> } | null = null

  constructor(
    private readonly clipboard: Clipboard | undefined,
    readonly clearAfterMs = CLIPBOARD_CLEAR_MS
  ) {}

  get supported(): boolean {
    return this.clipboard !== undefined
  }

  copy(value: string): { copied: true; clearAfterMs: number } {
    const clipboard = this.clipboard
    if (!clipboard) {
      throw new AppError('NOT_SUPPORTED', 'This window cannot use the system clipboard. Reveal the value instead.')
    }
    this.cancel()
    clipboard.writeText(value)
    const timer = setTimeout(() => this.clearNow(), this.clearAfterMs)
    if (typeof timer === 'object' && timer && 'unref' in timer) timer.unref()
    this.pending = { value, timer }
    return { copied: true, clearAfterMs: this.clearAfterMs }
  }

  /** Clears the clipboard if it still holds the last copied secret. */
  clearNow(): void {
    const pending = this.pending
    if (!pending) return
    this.cancel()
    try {
      if (this.clipboard && this.clipboard.readText() === pending.value) this.clipboard.writeText('')
    } catch {
      // A clipboard that cannot be read is left alone.
    }
  }

  private cancel(): void {
    if (this.pending) clearTimeout(this.pending.timer)
    this.pending = null
  }

  dispose(): void {
    this.clearNow()
  }
}
