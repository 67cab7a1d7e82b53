/** Electron IPC channel used to deliver a topic's events: `event:<topic>`. */
export const EVENT_CHANNEL_PREFIX = 'event:'
/** The custom protocol the packaged renderer is served from. */
export const APP_PROTOCOL = 'app'
export const APP_HOST = 'backdesk'
export const APP_ORIGIN = `${APP_PROTOCOL}://${APP_HOST}`
