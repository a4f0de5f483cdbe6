// @ts-check
/**
 * Runs a stream event in the browser: loads the Lite runtime (the handlers compiled to WebAssembly) and passes each
 * frame of the source to its handler, showing the result in the outputs.
 */
import { loadLite } from './lite-runtime.js';
import { countProcessed, keepLast, riffle, showError } from './debug-stats.js';
import { connectElements } from './stream-elements.js';

/**
 * Loads the Lite runtime, or says under `root` why it cannot run here - unless `onFailure` takes the error instead.
 * @param {HTMLElement} root @param {URL} [base] where wasm/ is served @param {(e: Error) => void} [onFailure]
 * @param {string} [bundle] where the app's own Wasm bundle is served, if it has one
 */
export async function loadRuntime(root, base, onFailure, bundle) {
  try {
    const runtime = await loadLite(base, bundle);
    riffle.stats.wasmReadyAt = performance.now();
    return runtime;
  } catch (e) {
    if (onFailure) {
      onFailure(/** @type {Error} */ (e));
      return null;
    }
    const message = document.createElement('div');
    message.className = 'riffle-message riffle-fatal';
    message.setAttribute('role', 'alert');
    message.textContent = 'The Lite handlers could not be loaded: ' + /** @type {Error} */ (e).message
      + ' (this page needs a browser with WebAssembly GC, e.g. Chrome 119+, Firefox 120+, Safari 18.2+).';
    root.prepend(message);
    return null;
  }
}

/**
 * Passes each frame of the stream's source to its handler in `runtime` and shows the result in the outputs.
 * @param {import('./stream-elements.js').StreamSpec} stream
 * @param {Map<string, HTMLElement>} byId
 * @param {import('./lite-runtime.js').LiteRuntime} runtime
 * @param {import('./stream-elements.js').Host} [host]
 */
export function wireLite(stream, byId, runtime, host = {}) {
  const { source, outputs, values } = connectElements(stream, byId, undefined, host);
  source.onframe = (frame, seq) => {
    const inputs = values();
    const began = performance.now();
    let out;
    try {
      // drawn (and copied for the debug figures) before the next frame: the view needs no copy
      out = runtime.processView(stream.handler, frame, inputs);
    } catch (e) {
      showError(outputs, String(/** @type {Error} */ (e).message));
      return;
    }
    riffle.stats.lastMs = performance.now() - began;
    for (const el of outputs) {
      /** @type {any} */ (el)?.show(out);
    }
    countProcessed(seq);
    keepLast(riffle.debug.log, { seq, inputs }, 200);
    if (riffle.debug.capture) {
      riffle.debug.last = { seq, inputs, handler: stream.handler, width: frame.width, height: frame.height,
        input: new Uint8Array(frame.data), output: new Uint8Array(out.data) };
    }
  };
}
