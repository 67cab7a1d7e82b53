import type { TopicName, TopicPayload } from '../../../shared/contract'

export type EventListener = (topic: TopicName, payload: unknown) => void

/** main → renderer events. Shells subscribe once and forward to their windows or browsers. */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  emit<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
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
