import type { TopicName, TopicPayload } from '../../../shared/contract'
import type { SecretRegistry } from '../log/redact'

export type EventListener = (topic: TopicName, payload: unknown) => void

/**
 * main → renderer events. Shells subscribe once and forward to their windows or browsers.
 * Like the router's answers, an event that would carry a registered secret is withheld: the same
 * last guard on the other way out of main.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  constructor(private readonly guard?: { secrets: SecretRegistry; onWithheld?: (topic: TopicName) => void }) {}

  emit<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
    if (this.guard && this.guard.secrets.size > 0 && this.guard.secrets.containsSecret(JSON.stringify(payload) ?? '')) {
      this.guard.onWithheld?.(topic)
      return
    }
    for (const listener of this.listeners) {
      try {
        listener(topic, payload)
      } catch {
        // One failing subscriber (a closed window) must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get listenerCount(): number {
    return this.listeners.size
  }
}
