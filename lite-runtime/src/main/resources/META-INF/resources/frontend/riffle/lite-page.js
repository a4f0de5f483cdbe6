// @ts-check
/**
 * The entry of a Riffle page: renders the page from the app description a Blocks definition exports (app.json) and
 * wires its stream events - to the handlers compiled into the Wasm bundle (Lite: everything runs in the browser, a
 * static file host is enough; lite-runner.js), or, for a stream with a `server` path, to the server
 * (server-connection.js), showing the queue position and the orange time-limit bar. The page keeps figures for tests
 * and benchmarks in window.riffle (debug-stats.js).
 */
import { riffle } from './debug-stats.js';

/**
 * The elements a page can hold and the module defining each. A page loads the modules of the elements it uses and
 * the runner of its streams (Lite, server) - nothing else: a Lite filter page never fetches the server transports,
 * the microphone or the audio player.
 */
const ELEMENT_MODULES = {
  'riffle-webcam': () => import('./riffle-webcam.js'),
  'riffle-image': () => import('./riffle-image.js'),
  'riffle-microphone': () => import('./riffle-microphone.js'),
  'riffle-audio': () => import('./riffle-audio.js'),
  'riffle-dropdown': () => import('./riffle-dropdown.js'),
  'riffle-slider': () => import('./riffle-slider.js'),
  'riffle-number': () => import('./riffle-number.js'),
  'riffle-textbox': () => import('./riffle-textbox.js'),
  'riffle-button': () => import('./riffle-button.js'),
};

/**
 * @typedef {import('./stream-elements.js').Node} Node
 * @typedef {import('./stream-elements.js').StreamSpec} StreamSpec
 * @typedef {{title: string, css?: string, layout: Node, streams: StreamSpec[], bundle?: string}} AppSpec
 */

/**
 * Renders the app into `root` and starts the runtime.
 * @param {AppSpec} app
 * @param {HTMLElement} root
 */
export async function renderApp(app, root) {
  riffle.app = app;
  document.title = app.title;
  if (app.css) {
    const style = document.createElement('style');
    style.textContent = app.css;
    document.head.append(style);
  }
  const autostart = new URLSearchParams(location.search).has('autostart');
  /** @type {Map<string, HTMLElement>} */
  const byId = new Map();
  // built detached; its custom elements upgrade when it joins the document, after their modules have loaded
  const page = render(app.layout, byId, app.streams, autostart);
  const serverStreams = app.streams.filter((s) => s.server);
  const liteStreams = app.streams.filter((s) => !s.server);
  /** @type {Set<string>} */
  const used = new Set();
  for (const el of [page, ...page.querySelectorAll('*')]) {
    used.add(el.localName);
  }
  const elements = [...used].filter((name) => name in ELEMENT_MODULES)
    .map((name) => ELEMENT_MODULES[/** @type {keyof typeof ELEMENT_MODULES} */ (name)]());
  // AUTO streams on a Riffle server: when this browser cannot load the Wasm bundle, the server runs them
  const fallback = liteStreams.length > 0 && liteStreams.every((s) => s.fallback);
  /** @type {Error | null} */
  let failed = null;
  // the Wasm bundle loads while the elements' modules do
  const lite = liteStreams.length ? import('./lite-runner.js') : null;
  const runtime = lite?.then((runner) => runner.loadRuntime(root, undefined,
    fallback ? (/** @type {Error} */ e) => { failed = e; } : undefined, app.bundle));
  const [server] = await Promise.all([serverStreams.length ? import('./server-connection.js') : null, ...elements]);
  root.append(page);

  for (const stream of server ? serverStreams : []) {
    server.wireServer(stream, byId);
  }
  if (!lite || !runtime) {
    return;
  }
  const [runner, loaded] = await Promise.all([lite, runtime]);
  for (const stream of loaded ? liteStreams : []) {
    runner.wireLite(stream, byId, loaded);
  }
  if (!loaded && !failed) {
    // the page says why above; a Start that would show the camera with nothing done to it stays off
    for (const stream of liteStreams) {
      byId.get(stream.trigger)?.querySelector('button')?.setAttribute('disabled', '');
    }
  }
  if (failed) {
    riffle.server.liteFallback = /** @type {Error} */ (failed).message;
    const connection = server ?? await import('./server-connection.js');
    for (const stream of liteStreams) {
      console.info(`[riffle] ${stream.handler} runs on the server: ${riffle.server.liteFallback}`);
      connection.wireServer({ ...stream, server: /** @type {string} */ (stream.fallback) }, byId);
    }
  }
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
    case 'slider':
      el = document.createElement('riffle-slider');
      el.setAttribute('label', node.label || '');
      for (const key of ['minimum', 'maximum', 'step', 'value']) {
        if (/** @type {any} */ (node)[key] != null) {
          el.setAttribute(key, String(/** @type {any} */ (node)[key]));
        }
      }
      break;
    case 'number':
      el = document.createElement('riffle-number');
      el.setAttribute('label', node.label || '');
      if (/** @type {any} */ (node).value != null) {
        el.setAttribute('value', String(/** @type {any} */ (node).value));
      }
      break;
    case 'textbox':
      el = document.createElement('riffle-textbox');
      el.setAttribute('label', node.label || '');
      el.setAttribute('lines', String(/** @type {any} */ (node).lines || 1));
      el.setAttribute('value', String(/** @type {any} */ (node).value ?? ''));
      break;
    case 'button':
      el = document.createElement('riffle-button');
      el.setAttribute('value', String(/** @type {any} */ (node).value ?? 'Start'));
      if (node.label) {
        el.setAttribute('label', node.label);
      }
      break;
    case 'markdown':
      // Gradio's gr.Markdown: the HTML was made (and its source's own HTML escaped) in Java, by Markdown.html()
      el = document.createElement('div');
      el.className = 'riffle-markdown';
      el.innerHTML = String(/** @type {any} */ (node).html ?? '');
      break;
    case 'state':
      // gr.State: kept on the server; a hidden placeholder keeps the stream's input and output positions
      el = document.createElement('span');
      el.hidden = true;
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
      if (webcam) {
        streamAttributes(el, node, streams, autostart);
        if ((node.sources || []).includes('microphone')) {
          el.setAttribute('audio', '');
        }
      }
      break;
    }
    case 'audio': {
      const microphone = (node.sources || []).includes('microphone');
      el = document.createElement(microphone ? 'riffle-microphone' : 'riffle-audio');
      if (node.label) {
        el.setAttribute('label', node.label);
      }
      if (microphone) {
        streamAttributes(el, node, streams, autostart);
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

/**
 * Sets a stream source's attributes from the stream event it triggers (if any).
 * @param {HTMLElement} el @param {Node} node @param {StreamSpec[]} streams @param {boolean} autostart
 */
function streamAttributes(el, node, streams, autostart) {
  const stream = streams.find((s) => s.trigger === node.id);
  if (!stream) {
    return;
  }
  el.setAttribute('stream-every', String(stream.streamEvery));
  if (stream.outputs.includes(stream.trigger)) {
    el.setAttribute('unified', '');
  }
  if (autostart) {
    el.setAttribute('autostart', '');
  }
}
