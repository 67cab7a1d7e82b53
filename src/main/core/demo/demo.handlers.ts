import type { HandlerMap } from '../ipc/router'
import type { DemoService } from './demo.service'

export function createDemoHandlers(service: DemoService): Pick<HandlerMap, 'demo.status' | 'demo.start' | 'demo.remove'> {
  return {
    'demo.status': () => service.status(),
    'demo.start': () => service.start(),
    'demo.remove': () => service.remove()
  }
}
