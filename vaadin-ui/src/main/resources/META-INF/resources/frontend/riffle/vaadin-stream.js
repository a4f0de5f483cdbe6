// @ts-check
/**
 * The browser half of vaadin-ui's stream wiring. A media component's Java class calls `riffleVaadin.wire(...)` once
 * its element is attached: the stream then runs exactly as on a Riffle page (stream-wiring.js) - in the browser
 * from the Lite bundle, or on the server over WebRTC with the WebSocket as fallback - and media never touches
 * Vaadin's channel. The extra inputs' values live in server-side components: Java keeps them in the source element's
 * `riffleInputs` property, and every change reaches the running session.
 */
import { ErrorCode } from './protocol.js';
import { ClientEndCode, HostEvent, SourceEvent } from './stream-events.js';
import { wireStream } from './stream-wiring.js';

/**
 * @param {HTMLElement} source the webcam or microphone element (the stream's trigger)
 * @param {any} spec the stream event, as stream-wiring.js knows it (ids: 'source' and 'out0', 'out1', ...), and
 *   `base`: where the browser client and its Lite bundle are served
 * @param {HTMLElement[]} outputs media outputs other than the source, in the order of their ids
 */
function wire(source, spec, ...outputs) {
  const el = /** @type {any} */ (source);
  if (el.riffleWired) {
    return; // attached again: the wiring (and a running stream) stays
  }
  el.riffleWired = true;
  // a camera or microphone that cannot start (permission denied, no device) is an error of the stream too
  source.addEventListener(SourceEvent.ERROR, (e) => source.dispatchEvent(new CustomEvent(HostEvent.ERROR,
    { detail: { message: /** @type {CustomEvent} */ (e).detail?.message ?? 'The device could not start' } })));
  /** @type {Map<string, HTMLElement>} */
  const byId = new Map([['source', source]]);
  outputs.forEach((out, i) => byId.set('out' + i, out));
  /** @type {(() => void)[]} */
  const listeners = [];
  let values = el.riffleInputs ?? [];
  Object.defineProperty(el, 'riffleInputs', {
    configurable: true,
    get: () => values,
    set: (v) => {
      values = v ?? [];
      listeners.forEach((changed) => changed());
    },
  });
  resumeAfterReload(el, spec);
  return wireStream(spec, byId, {
    values: () => values,
    onValues: (changed) => listeners.push(changed),
    base: new URL(spec.base ?? '/frontend/riffle/', location.href),
  });
}

/** How long a stream cut by a lost server stays worth resuming when the page comes back (ms). */
const RESUME_WITHIN = 60000;

/**
 * A server restart ends the Vaadin UI too: Vaadin reloads the page when its Push connection finds the server again.
 * A stream the user was running when the server went away starts again by itself in the reloaded view (the camera
 * or microphone was allowed already); one the user stopped stays stopped.
 * @param {any} source @param {any} spec
 */
function resumeAfterReload(source, spec) {
  const key = `riffle-resume:${location.pathname}:${spec.handler}`;
  const cut = Number(sessionStorage.getItem(key) ?? 0);
  sessionStorage.removeItem(key);
  source.addEventListener(HostEvent.CLOSED, (e) => {
    const code = /** @type {CustomEvent} */ (e).detail.code;
    if (source.running && (code === ErrorCode.SERVER_STOPPING || code === ClientEndCode.DISCONNECTED)) {
      sessionStorage.setItem(key, String(Date.now()));
    }
  });
  const forget = () => sessionStorage.removeItem(key);
  source.addEventListener(HostEvent.SESSION, forget);
  source.addEventListener(SourceEvent.STOPPED, forget);
  if (spec.server && cut > 0 && Date.now() - cut < RESUME_WITHIN) {
    queueMicrotask(() => source.start());
  }
}

// @ts-ignore
globalThis.riffleVaadin = { wire };
