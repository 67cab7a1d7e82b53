import { CHANNEL_NAMES, TOPIC_NAMES } from '../../shared/contract'
import { BRIDGE_GLOBAL } from '../../shared/contract/bridge'

/**
 * The web shell's stand-in for the preload: a classic external script (so the CSP needs no
 * 'unsafe-inline') that defines the same `window.backdesk` shape over HTTP. Channel and topic
 * names are baked in from the contract, so this bridge exposes exactly what the preload does.
 */
export function bridgeScript(): string {
  return `(() => {
  'use strict';
  const channels = ${JSON.stringify(CHANNEL_NAMES)};
  const topics = ${JSON.stringify(TOPIC_NAMES)};
  const failure = (code, message) => ({ ok: false, error: { code, message, retryable: code === 'OFFLINE' } });
  const call = async (name, input) => {
    let response;
    try {
      response = await fetch('/ipc/' + encodeURIComponent(name), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-backdesk-bridge': '1' },
        body: JSON.stringify({ input })
      });
    } catch (e) {
      return failure('OFFLINE', 'Backdesk is not running any more. Start it again with npm run web.');
    }
    try {
      return await response.json();
    } catch (e) {
      if (response.status === 413) return failure('VALIDATION', 'This request is too large for Backdesk web. Nothing was done.');
      return failure('INTERNAL', 'Backdesk answered with something unreadable (HTTP ' + response.status + ').');
    }
  };
  const listeners = new Map(topics.map((t) => [t, new Set()]));
  let source;
  const connect = () => {
    if (source) return;
    source = new EventSource('/events', { withCredentials: true });
    source.onmessage = (message) => {
      let event;
      try { event = JSON.parse(message.data); } catch (e) { return; }
      const set = listeners.get(event.topic);
      if (set) for (const listener of set) { try { listener(event.payload); } catch (e) { console.error(e); } }
    };
  };
  const invoke = Object.freeze(Object.fromEntries(channels.map((n) => [n, (input) => call(n, input)])));
  const on = Object.freeze(Object.fromEntries(topics.map((t) => [t, (listener) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    connect();
    listeners.get(t).add(listener);
    return () => { listeners.get(t).delete(listener); };
  }])));
  Object.defineProperty(window, ${JSON.stringify(BRIDGE_GLOBAL)}, {
    value: Object.freeze({ shell: 'web', invoke, on }), writable: false, configurable: false
  });
})();
`
}
