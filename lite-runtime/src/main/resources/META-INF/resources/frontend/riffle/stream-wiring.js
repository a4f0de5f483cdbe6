// @ts-check
/**
 * Wires one stream event to elements a host page made itself (vaadin-ui's components; a Riffle page's own renderer
 * does the same for its streams): on the server when the stream has a `server` path, else in the browser from the
 * Lite bundle - or, with a `fallback` path, on the server after all when this browser cannot load the bundle.
 */
import { riffle } from './debug-stats.js';
import { loadRuntime, wireLite } from './lite-runner.js';
import { wireServer } from './server-connection.js';

/**
 * Wires `stream`: `byId` maps the ids the stream names to the elements, `host.values` gives the extra inputs' current
 * values when they live outside the page (a server-side component's value), `host.onValues` registers the callback to
 * run when they change, and `host.base` says where the Lite bundle is served.
 * @param {import('./stream-elements.js').StreamSpec} stream
 * @param {Map<string, HTMLElement>} byId
 * @param {import('./stream-elements.js').Host} [host]
 */
export async function wireStream(stream, byId, host = {}) {
  if (stream.server) {
    wireServer(stream, byId, host);
    return;
  }
  const source = /** @type {HTMLElement} */ (byId.get(stream.trigger));
  const fallback = stream.fallback;
  // no WebAssembly GC here: the same handler runs on the server, behind its queue
  const onServer = fallback ? (/** @type {Error} */ e) => {
    riffle.server.liteFallback = e.message;
    console.info(`[riffle] ${stream.handler} runs on the server: ${e.message}`);
    wireServer({ ...stream, server: fallback }, byId, host);
  } : undefined;
  const runtime = await loadRuntime(/** @type {HTMLElement} */ (source.parentElement ?? source), host.base, onServer);
  if (runtime) {
    wireLite(stream, byId, runtime, host);
  }
}
