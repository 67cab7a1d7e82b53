import { contextBridge, ipcRenderer } from 'electron'
import { CHANNEL_NAMES, TOPIC_NAMES } from '../shared/contract'
import { BRIDGE_GLOBAL } from '../shared/contract/bridge'
import { EVENT_CHANNEL_PREFIX } from '../shared/contract/ipc-names'

// Sandboxed preload: exposes one function per declared channel and one subscribe function per
// declared topic, nothing else. No ipcRenderer object, no generic invoke, no Node.

// Main answers with the JSON text of the result envelope (the text its leak guard checked): the
// page gets the same plain values the web shell's bridge parses from its HTTP answers.
const parseAnswer = (text: unknown): unknown => JSON.parse(text as string)

const invoke = Object.freeze(
  Object.fromEntries(CHANNEL_NAMES.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(name, input).then(parseAnswer)]))
)

const on = Object.freeze(
  Object.fromEntries(
    TOPIC_NAMES.map((topic) => [
      topic,
      (listener: (payload: unknown) => void) => {
        if (typeof listener !== 'function') throw new TypeError('listener must be a function')
        const channel = EVENT_CHANNEL_PREFIX + topic
        // Strip the IpcRendererEvent: it carries `sender`, which must not reach the page.
        const handler = (_event: unknown, payload: unknown) => listener(payload)
        ipcRenderer.on(channel, handler)
        return () => {
          ipcRenderer.removeListener(channel, handler)
        }
      }
    ])
  )
)

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, Object.freeze({ shell: 'electron', invoke, on }))
