// @ts-check
/**
 * Renders a Lite page from the app description a Blocks definition exports (app.json) and wires its stream
 * events to the handlers compiled into the Wasm bundle. Everything runs in the browser; the page needs only a
 * static file host.
 *
 * For tests and benchmarks the page keeps figures in window.riffle: stats (frames processed, timings) and, when
 * window.riffle.debug.capture is true, copies of the last input and output pixels.
 */
import { loadLite } from './lite-runtime.js';
import './riffle-webcam.js';
import './riffle-image.js';
import './riffle-dropdown.js';

/**
 * @typedef {{type: string, id?: string, label?: string, classes?: string[], children?: Node[],
 *   choices?: string[], value?: string, sources?: string[], streaming?: boolean}} Node
 * @typedef {{trigger: string, handler: string, inputs: string[], outputs: string[], streamEvery: number,
 *   timeLimit: number|null, concurrencyLimit: number|null}} StreamSpec
 * @typedef {{title: string, css?: string, layout: Node, streams: StreamSpec[]}} AppSpec
 */

const state = {
  /** @type {AppSpec|null} */ app: null,
  stats: { processed: 0, lastSeq: 0, errors: 0, lastError: '', wasmReadyAt: 0, firstFrameAt: 0, lastMs: 0 },
  debug: {
    capture: false,
    /** @type {any} */ last: null,
    /** @type {{seq: number, inputs: any[]}[]} */ log: [],
    /** @type {{id: string, value: any, afterSeq: number}[]} */ inputChanges: [],
    lastAsBase64() {
      const last = this.last;
      return last && { ...last, input: toBase64(last.input), output: toBase64(last.output) };
    },
  },
};
// @ts-ignore
globalThis.riffle = state;

/**
 * Renders the app into `root` and starts the runtime.
 * @param {AppSpec} app
 * @param {HTMLElement} root
 */
export async function renderApp(app, root) {
  state.app = app;
  document.title = app.title;
  if (app.css) {
    const style = document.createElement('style');
    style.textContent = app.css;
    document.head.append(style);
  }
  const autostart = new URLSearchParams(location.search).has('autostart');
  /** @type {Map<string, HTMLElement>} */
  const byId = new Map();
  root.append(render(app.layout, byId, app.streams, autostart));

  let runtime;
  try {
    runtime = await loadLite();
    state.stats.wasmReadyAt = performance.now();
  } catch (e) {
    const message = document.createElement('div');
    message.className = 'riffle-message riffle-fatal';
    message.setAttribute('role', 'alert');
    message.textContent = 'The Lite handlers could not be loaded: ' + /** @type {Error} */ (e).message
      + ' (this page needs a browser with WebAssembly GC, e.g. Chrome 119+, Firefox 120+, Safari 18.2+).';
    root.prepend(message);
    return;
  }
  for (const stream of app.streams) {
    wire(stream, byId, runtime);
  }
}

/**
 * @param {StreamSpec} stream
 * @param {Map<string, HTMLElement>} byId
 * @param {import('./lite-runtime.js').LiteRuntime} runtime
 */
function wire(stream, byId, runtime) {
  const source = /** @type {import('./riffle-webcam.js').RiffleWebcam} */ (byId.get(stream.trigger));
  const extra = stream.inputs.filter((id) => id !== stream.trigger).map((id) => byId.get(id));
  const outputs = stream.outputs.map((id) => byId.get(id));
  for (const el of extra) {
    el?.addEventListener('value-changed', (e) => {
      state.debug.inputChanges.push({ id: el.id, value: /** @type {CustomEvent} */ (e).detail.value,
        afterSeq: source.seq });
    });
  }
  source.onframe = (frame, seq) => {
    const inputs = extra.map((el) => /** @type {any} */ (el)?.value ?? null);
    const began = performance.now();
    let out;
    try {
      out = runtime.process(stream.handler, frame, inputs);
    } catch (e) {
      state.stats.errors++;
      state.stats.lastError = String(/** @type {Error} */ (e).message);
      for (const el of outputs) {
        /** @type {any} */ (el)?.error?.(state.stats.lastError);
      }
      return;
    }
    state.stats.lastMs = performance.now() - began;
    for (const el of outputs) {
      /** @type {any} */ (el)?.show(out);
    }
    state.stats.processed++;
    state.stats.lastSeq = seq;
    if (!state.stats.firstFrameAt) {
      state.stats.firstFrameAt = performance.now();
    }
    state.debug.log.push({ seq, inputs });
    if (state.debug.log.length > 200) {
      state.debug.log.shift();
    }
    if (state.debug.capture) {
      state.debug.last = { seq, inputs, handler: stream.handler, width: frame.width, height: frame.height,
        input: new Uint8Array(frame.data), output: new Uint8Array(out.data) };
    }
  };
}

/**
 * @param {Node} node
 * @param {Map<string, HTMLElement>} byId
 * @param {StreamSpec[]} streams
 * @param {boolean} autostart
 * @returns {HTMLElement}
 */
function render(node, byId, streams, autostart) {
  /** @type {HTMLElement} */
  let el;
  switch (node.type) {
    case 'blocks':
    case 'row':
    case 'column':
    case 'group':
      el = document.createElement('div');
      el.className = 'riffle-' + node.type;
      for (const child of node.children || []) {
        el.append(render(child, byId, streams, autostart));
      }
      break;
    case 'dropdown':
      el = document.createElement('riffle-dropdown');
      el.setAttribute('label', node.label || '');
      el.setAttribute('choices', (node.choices || []).join(','));
      if (node.value != null) {
        el.setAttribute('value', node.value);
      }
      break;
    case 'image': {
      const webcam = (node.sources || []).includes('webcam');
      el = document.createElement(webcam ? 'riffle-webcam' : 'riffle-image');
      if (node.label) {
        el.setAttribute('label', node.label);
      }
      const stream = streams.find((s) => s.trigger === node.id);
      if (webcam && stream) {
        el.setAttribute('stream-every', String(stream.streamEvery));
        if (stream.outputs.includes(stream.trigger)) {
          el.setAttribute('unified', '');
        }
        if (autostart) {
          el.setAttribute('autostart', '');
        }
      }
      break;
    }
    default:
      el = document.createElement('div');
      el.textContent = `Unsupported component '${node.type}'`;
  }
  if (node.id) {
    el.id = node.id;
    byId.set(node.id, el);
  }
  for (const c of node.classes || []) {
    el.classList.add(c);
  }
  return el;
}

/** @param {Uint8Array} bytes */
function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, /** @type {any} */ (bytes.subarray(i, i + 0x8000)));
  }
  return btoa(s);
}
