// @ts-check
/**
 * Renders a page from the app description a Blocks definition exports (app.json) and wires its stream events:
 * to the handlers compiled into the Wasm bundle (Lite: everything runs in the browser, a static file host is
 * enough), or - for a stream with a `server` path - to the server's WebSocket transport, showing the queue
 * position and the orange time-limit bar.
 *
 * For tests and benchmarks the page keeps figures in window.riffle: stats (frames processed, timings), the server
 * stream's state and queue messages, audio figures (chunks sent and received, level and pitch of the last 200 ms
 * each way) and, when window.riffle.debug.capture is true, copies of the last input and output pixels.
 * `?format=raw` makes server streams send raw RGBA instead of JPEG.
 */
import { loadLite } from './lite-runtime.js';
import { ServerStream } from './server-stream.js';
import { RtcStream } from './webrtc-stream.js';
import { analyse, pcmChunks } from './riffle-audio.js';
import './riffle-webcam.js';
import './riffle-microphone.js';
import './riffle-image.js';
import './riffle-dropdown.js';
import './riffle-slider.js';
import './riffle-number.js';
import './riffle-textbox.js';
import './riffle-button.js';

/**
 * @typedef {{type: string, id?: string, label?: string, classes?: string[], children?: Node[],
 *   choices?: string[], value?: string, sources?: string[], streaming?: boolean}} Node
 * @typedef {{trigger: string, handler: string, modality?: 'video'|'audio'|'audio_video',
 *   mode?: 'send_receive'|'send'|'receive', inputs: string[], outputs: string[],
 *   streamEvery: number, timeLimit: number|null, concurrencyLimit: number|null, server?: string,
 *   fallback?: string}} StreamSpec `server`: the handler runs there; `fallback`: it runs in the browser, or there
 *   when this browser cannot load the Lite bundle
 * @typedef {{title: string, css?: string, layout: Node, streams: StreamSpec[]}} AppSpec
 * @typedef {{values?: () => any[], onValues?: (changed: () => void) => void, base?: URL}} Host a host page's part
 *   (vaadin-ui): the extra inputs' values when they live outside the page, a way to hear of their changes, and where
 *   the Lite bundle is served
 */

/** What the status line says when a turn-taking handler (ReplyOnPause) logs its progress. */
const TURN_STATUS = /** @type {Record<string, string>} */ ({
  started_talking: 'Listening...',
  pause_detected: 'Pause detected - thinking',
  response_starting: 'Replying',
  interrupted: 'Interrupted',
});

const state = {
  /** @type {AppSpec|null} */ app: null,
  stats: { processed: 0, lastSeq: 0, errors: 0, lastError: '', wasmReadyAt: 0, firstFrameAt: 0, lastMs: 0 },
  /** the server stream of the page, if any: state, session, and every control message received */
  server: { state: 'idle', transport: '', note: '', liteFallback: '', fallbacks: 0, reconnects: 0, sessionId: '',
    position: 0,
    messages: /** @type {any[]} */ ([]), outputs: /** @type {any[]} */ ([]),
    /** the handler's log messages (FastRTC's {type: 'log', data}): started_talking, pause_detected, ... */
    logs: /** @type {string[]} */ ([]),
    roundTrips: /** @type {number[]} */ ([]) },
  /** audio streams: chunks each way, and level (RMS, 0..1) and frequency (Hz) of the last 200 ms each way */
  audio: { sent: 0, received: 0, receivedSamples: 0, sampleRate: 0,
    /** received sample frames in chunks louder than -46 dBFS (RMS 0.005): sound, not the silence a track carries */
    audibleSamples: 0,
    input: { rms: 0, frequency: 0 }, output: { rms: 0, frequency: 0 } },
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

  for (const stream of app.streams.filter((s) => s.server)) {
    wireServer(stream, byId);
  }
  const liteStreams = app.streams.filter((s) => !s.server);
  if (liteStreams.length === 0) {
    return;
  }
  const runtime = await loadRuntime(root);
  for (const stream of runtime ? liteStreams : []) {
    wire(stream, byId, runtime);
  }
}

/**
 * Loads the Lite runtime, or says under `root` why it cannot run here - unless `onFailure` takes the error instead.
 * @param {HTMLElement} root @param {URL} [base] where wasm/ is served @param {(e: Error) => void} [onFailure]
 */
async function loadRuntime(root, base, onFailure) {
  try {
    const runtime = await loadLite(base);
    state.stats.wasmReadyAt = performance.now();
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
 * Wires one stream event to elements a host page made itself (vaadin-ui's components): `byId` maps the ids the
 * stream names to the elements, `values` gives the extra inputs' current values when they live outside the page (a
 * server-side component's value) and `onValues` registers the callback to run when they change. A stream with a
 * `server` path runs there; one without runs in the browser from the Lite bundle under `base` - or, when it has a
 * `fallback` path and this browser cannot load the bundle (no WebAssembly GC), on the server after all.
 * @param {StreamSpec} stream
 * @param {Map<string, HTMLElement>} byId
 * @param {Host} [host]
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
    state.server.liteFallback = e.message;
    console.info(`[riffle] ${stream.handler} runs on the server: ${e.message}`);
    wireServer({ ...stream, server: fallback }, byId, host);
  } : undefined;
  const runtime = await loadRuntime(/** @type {HTMLElement} */ (source.parentElement ?? source), host.base, onServer);
  if (runtime) {
    wire(stream, byId, runtime, host);
  }
}

/**
 * The elements a stream event connects, and its extra inputs' current values. Every change of an extra input is
 * logged in riffle.debug.inputChanges (with the frame it followed) and passed to `onChange`.
 * @param {StreamSpec} stream
 * @param {Map<string, HTMLElement>} byId
 * @param {() => void} [onChange]
 * @param {Host} [host]
 */
function connectElements(stream, byId, onChange, host = {}) {
  const source = /** @type {import('./riffle-webcam.js').RiffleWebcam} */ (byId.get(stream.trigger));
  const extra = stream.inputs.filter((id) => id !== stream.trigger).map((id) => byId.get(id));
  const outputs = stream.outputs.map((id) => byId.get(id));
  const values = host.values ?? (() => extra.map((el) => /** @type {any} */ (el)?.value ?? null));
  host.onValues?.(() => {
    state.debug.inputChanges.push({ id: stream.trigger, value: values(), afterSeq: source.seq });
    onChange?.();
  });
  for (const el of extra) {
    el?.addEventListener('value-changed', (e) => {
      state.debug.inputChanges.push({ id: el.id, value: /** @type {CustomEvent} */ (e).detail.value,
        afterSeq: source.seq });
      onChange?.();
    });
  }
  return { source, extra, outputs, values };
}

/** Counts a processed frame in riffle.stats. @param {number} seq */
function countProcessed(seq) {
  state.stats.processed++;
  state.stats.lastSeq = seq;
  if (!state.stats.firstFrameAt) {
    state.stats.firstFrameAt = performance.now();
  }
}

/**
 * Counts an error and shows it under each of `elements`.
 * @param {(HTMLElement|undefined)[]} elements @param {string} message
 */
function showError(elements, message) {
  state.stats.errors++;
  state.stats.lastError = message;
  for (const el of elements) {
    /** @type {any} */ (el)?.error?.(message);
  }
}

/** Appends to a list kept at most `max` long. @template T @param {T[]} list @param {T} item @param {number} max */
function keepLast(list, item, max) {
  list.push(item);
  if (list.length > max) {
    list.shift();
  }
}

/**
 * Wires a stream whose handler runs on the server. The page tries WebRTC first (the camera's or microphone's track
 * goes to the server, the answer comes back as a track) and falls back to the WebSocket transport by itself when
 * WebRTC does not connect within 5 s, saying so; `?transport=websocket` or `?transport=webrtc` forces one. The queue
 * position, the time-limit bar, errors and additional outputs show on the page either way.
 * @param {StreamSpec} stream
 * @param {Map<string, HTMLElement>} byId
 * @param {Host} [host]
 */
function wireServer(stream, byId, host = {}) {
  /** @type {ServerStream|RtcStream|null} */
  let session = null;
  const { source, outputs, values } = connectElements(stream, byId, () => session?.setInputs(values()), host);
  const audio = stream.modality === 'audio';
  /** a generator's stream: the server sends, the trigger is a button */
  const receiveOnly = stream.mode === 'receive';
  /** camera and microphone into one handler: only WebRTC carries both */
  const bothMedia = stream.modality === 'audio_video' && !receiveOnly;
  const mediaOutputs = outputs.filter((el) => el && (el === source || el.localName === 'riffle-image'
    || el.localName === 'riffle-audio'));
  const valueOutputs = outputs.filter((el) => el && !mediaOutputs.includes(el));
  const params = new URLSearchParams(location.search);
  const format = params.get('format') === 'raw' ? 'raw' : 'jpeg';
  const transport = params.get('transport');
  const server = state.server;
  /** @type {Map<number, {input: Uint8Array, inputs: any[]}>} sent frames and their inputs while debug.capture is on */
  const sent = new Map();
  /** the last camera frame, for debug captures of WebRTC output */
  /** @type {{input: Uint8Array, inputs: any[]}|null} */
  let lastInput = null;
  const inputWindow = new RecentSamples(0.2);
  const outputWindow = new RecentSamples(0.2);
  const waitingLine = new WaitingLine((text) => source.setStatus(text));

  /** The listeners both transports share. @param {ServerStream|RtcStream} s */
  const listen = (s) => {
    const log = (/** @type {string} */ type) => s.addEventListener(type, (e) => {
      keepLast(server.messages, /** @type {CustomEvent} */ (e).detail, 500);
    });
    ['session', 'queue', 'expired', 'outputs', 'error', 'warning', 'log', 'closed'].forEach(log);
    s.addEventListener('log', (e) => {
      const m = /** @type {CustomEvent} */ (e).detail;
      keepLast(server.logs, String(m.data), 500);
      const said = TURN_STATUS[m.data];
      if (said) {
        source.setStatus(said);
      }
    });
    s.addEventListener('warning', (e) => {
      source.setStatus(/** @type {CustomEvent} */ (e).detail.data ?? 'Warning');
    });
    s.addEventListener('session', (e) => {
      server.sessionId = /** @type {CustomEvent} */ (e).detail.session_id;
    });
    // the same news as DOM events on the source element, for host pages (vaadin-ui's components listen)
    const tell = (/** @type {string} */ type, /** @type {(m: any) => any} */ detail) => s.addEventListener(type,
      (e) => source.dispatchEvent(new CustomEvent('riffle-' + type,
        { detail: detail(/** @type {CustomEvent} */ (e).detail) })));
    tell('session', (m) => ({ sessionId: m.session_id, transport: server.transport }));
    tell('queue', (m) => ({ state: m.state, position: m.position ?? 0, eta: m.eta ?? null,
      timeLimit: m.time_limit ?? null }));
    tell('expired', () => ({}));
    tell('error', (m) => ({ message: m.error?.message ?? String(m) }));
    tell('closed', (m) => ({ code: m.code, message: m.message ?? '' }));
    s.addEventListener('queue', (e) => {
      const m = /** @type {CustomEvent} */ (e).detail;
      if (session !== s) {
        return; // a session the user stopped (or one replaced by a reconnect) says nothing about the stream
      }
      waitingLine.stop();
      if (m.state === 'admitted') {
        server.state = 'streaming';
        server.position = 0;
        source.setStatus(server.note || null);
        source.setTimeLimit(m.time_limit ? { total: m.time_limit, remaining: m.remaining ?? m.time_limit } : null);
      } else {
        server.state = 'waiting';
        server.position = m.position;
        source.setTimeLimit(null);
        waitingLine.start(m.position, m.eta ?? null);
      }
    });
    s.addEventListener('expired', () => {
      waitingLine.stop();
      source.setTimeLimit(null);
      source.setStatus('Time limit reached - back in the queue');
    });
    s.addEventListener('error', (e) => {
      const m = /** @type {CustomEvent} */ (e).detail;
      showError(mediaOutputs, m.error?.message ?? String(m));
    });
    s.addEventListener('outputs', (e) => {
      const m = /** @type {CustomEvent} */ (e).detail;
      server.outputs = m.values;
      valueOutputs.forEach((el, i) => {
        if (i < m.values.length) {
          /** @type {any} */ (el).value = m.values[i];
        }
      });
    });
    s.addEventListener('closed', (e) => {
      const m = /** @type {CustomEvent} */ (e).detail;
      if (session !== s) {
        return;
      }
      waitingLine.stop();
      freezeOutputs();
      server.state = 'closed';
      source.setTimeLimit(null);
      // a lost connection or a server going down for a restart: try again every second while the user streams
      if (source.running && !s.stopped && (m.code === 'disconnected' || m.code === 'server_stopping')) {
        server.reconnects++;
        source.setStatus(m.code === 'server_stopping' ? 'The server is stopping - reconnecting when it is back...'
          : 'Connection lost - reconnecting...');
        setTimeout(() => session === s && source.running && connect(), 1000);
      } else if (m.code !== 'stopped' && m.code !== 'left') {
        source.setStatus(m.message);
      }
      if (receiveOnly && m.code !== 'disconnected') {
        /** @type {any} */ (source).ended?.();
        session = null;
      }
    });
  };

  const connectWebSocket = () => {
    const s = new ServerStream(/** @type {string} */ (stream.server), { format: audio ? 'pcm' : format,
      inputs: values() });
    session = s;
    server.transport = 'websocket';
    listen(s);
    s.addEventListener('audio', (e) => {
      const { samples, sampleRate, channels } = /** @type {CustomEvent} */ (e).detail;
      for (const el of mediaOutputs) {
        /** @type {any} */ (el).play(samples, sampleRate, channels);
      }
      countReceivedAudio(samples, sampleRate, channels, outputWindow);
    });
    s.addEventListener('frame', (e) => {
      const { seq, image, roundTripMs } = /** @type {CustomEvent} */ (e).detail;
      for (const el of mediaOutputs) {
        /** @type {any} */ (el).show(image);
      }
      countProcessed(seq);
      if (Number.isFinite(roundTripMs)) {
        keepLast(server.roundTrips, roundTripMs, 1000);
      }
      const frame = sent.get(seq);
      if (state.debug.capture && frame) {
        // inputs as they were when the frame was sent: the server has them before the frame (one ordered channel)
        state.debug.last = { seq, inputs: frame.inputs, handler: stream.handler, width: image.width,
          height: image.height, input: frame.input, output: new Uint8Array(image.data) };
      }
    });
    s.connect();
  };

  const connectWebRtc = async () => {
    const media = /** @type {any} */ (source).stream;
    /** @type {('video'|'audio')[]} */
    const receive = !receiveOnly ? [] : stream.modality === 'audio_video' ? ['video', 'audio']
      : [stream.modality === 'audio' ? 'audio' : 'video'];
    const s = new RtcStream(/** @type {string} */ (stream.server), { media, receive, inputs: values() });
    session = s;
    server.transport = 'webrtc';
    listen(s);
    s.addEventListener('track', (e) => {
      const { stream: remote, track } = /** @type {CustomEvent} */ (e).detail;
      if (track.kind === 'video') {
        for (const el of mediaOutputs) {
          /** @type {any} */ (el).showStream?.(remote);
        }
        const shown = mediaOutputs.map((el) => /** @type {any} */ (el)?.remote).find((v) => v);
        if (shown) {
          watchFrames(shown, () => lastInput, stream.handler);
        }
      } else if (track.kind === 'audio') {
        for (const el of mediaOutputs) {
          /** @type {any} */ (el).playStream?.(remote);
        }
        measureAudio(remote, outputWindow);
      }
    });
    await s.connect();
  };

  const connect = async () => {
    if (session && session.state !== 'closed') {
      return; // connected already (wired after Start, then told of the start)
    }
    server.state = 'connecting';
    server.note = '';
    const canRtc = 'RTCPeerConnection' in window && (receiveOnly || /** @type {any} */ (source).stream);
    if (transport !== 'websocket' && canRtc) {
      source.setStatus('Connecting over WebRTC...');
      try {
        await connectWebRtc();
        return;
      } catch (e) {
        if (!source.running) {
          return; // stopped meanwhile
        }
        server.fallbacks++;
        server.note = `WebRTC could not connect (${/** @type {Error} */ (e).message}); `
          + (bothMedia ? 'camera and microphone together need WebRTC.' : 'streaming over the WebSocket instead.');
        console.info('[riffle] ' + server.note);
        if (transport === 'webrtc' || bothMedia) {
          showError(mediaOutputs, server.note);
          return;
        }
      }
    }
    source.setStatus(server.note || 'Connecting to the server...');
    connectWebSocket();
  };

  source.addEventListener('stream-started', connect);
  /** The WebRTC outputs keep their last frame when the stream ends (the WebSocket's canvases do by themselves). */
  const freezeOutputs = () => mediaOutputs.forEach((el) => /** @type {any} */ (el).freeze?.());
  source.addEventListener('stream-stopped', () => {
    waitingLine.stop();
    freezeOutputs();
    const stopped = session;
    session = null;
    server.state = 'idle';
    stopped?.stop();
  });
  if (/** @type {any} */ (source).running && /** @type {any} */ (source).stream) {
    connect(); // wired after the user pressed Start (a Lite bundle that failed to load meanwhile)
  }
  if (receiveOnly) {
    return; // a button has no media to send
  }
  if (audio) {
    /** @type {any} */ (source).onchunk = (/** @type {Int16Array} */ samples, /** @type {number} */ rate,
      /** @type {number} */ seq) => {
      state.audio.input = analyse(inputWindow.push(samples, rate, 1), rate);
      if (session instanceof ServerStream && session.sendAudio(samples, rate, seq)) {
        state.audio.sent++;
      }
    };
    return;
  }
  source.onframe = (frame, seq) => {
    if (session instanceof RtcStream) {
      // the camera track carries the frames; keep the latest for debug captures
      if (state.debug.capture) {
        lastInput = { input: new Uint8Array(frame.data), inputs: values() };
      }
      return;
    }
    if (!session || session.state !== 'streaming') {
      return;
    }
    if (state.debug.capture) {
      sent.set(seq, { input: new Uint8Array(frame.data), inputs: values() });
      if (sent.size > 8) {
        sent.delete(/** @type {number} */ (sent.keys().next().value));
      }
    }
    session.send(frame, seq);
  };
}

/**
 * Counts the frames a WebRTC output video shows and, while debug.capture is on, keeps the last one with the latest
 * camera frame.
 * @param {HTMLVideoElement} video
 * @param {() => ({input: Uint8Array, inputs: any[]}|null)} lastInput
 * @param {string} handler
 */
function watchFrames(video, lastInput, handler) {
  const canvas = document.createElement('canvas');
  let n = 0;
  /** @type {VideoFrameRequestCallback} */
  const onFrame = () => {
    n++;
    countProcessed(n);
    const input = lastInput();
    if (state.debug.capture && input && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d', { willReadFrequently: true }));
      ctx.drawImage(video, 0, 0);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      state.debug.last = { seq: n, inputs: input.inputs, handler, width: image.width, height: image.height,
        input: input.input, output: new Uint8Array(image.data) };
    }
    if (video.srcObject) {
      video.requestVideoFrameCallback(onFrame);
    }
  };
  video.requestVideoFrameCallback(onFrame);
}

/**
 * Counts a chunk of the handler's audio in riffle.audio and measures level and pitch of the last 200 ms.
 * @param {Int16Array} samples @param {number} sampleRate @param {number} channels @param {RecentSamples} recent
 */
function countReceivedAudio(samples, sampleRate, channels, recent) {
  const a = state.audio;
  a.received++;
  a.receivedSamples += samples.length / channels;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    sum += samples[i] * samples[i];
  }
  if (samples.length && Math.sqrt(sum / samples.length) / 32768 > 0.005) {
    a.audibleSamples += samples.length / channels;
  }
  a.sampleRate = sampleRate;
  a.output = analyse(recent.push(samples, sampleRate, channels), sampleRate);
  countProcessed(a.received);
}

/**
 * Measures a remote audio track's level and pitch (riffle.audio.output), chunk by chunk, with the microphone's
 * worklet.
 * @param {MediaStream} remote @param {RecentSamples} recent
 */
async function measureAudio(remote, recent) {
  // Chrome delivers a remote WebRTC track to Web Audio only while a media element plays it
  const sink = new Audio();
  sink.muted = true;
  sink.srcObject = remote;
  sink.play().catch(() => {});
  const context = new AudioContext({ sampleRate: 48000 });
  await pcmChunks(context, remote, 960, (samples) => countReceivedAudio(samples, context.sampleRate, 1, recent));
  remote.getTracks()[0]?.addEventListener('ended', () => context.close());
}

/**
 * @param {StreamSpec} stream
 * @param {Map<string, HTMLElement>} byId
 * @param {import('./lite-runtime.js').LiteRuntime} runtime
 * @param {Host} [host]
 */
function wire(stream, byId, runtime, host = {}) {
  const { source, outputs, values } = connectElements(stream, byId, undefined, host);
  source.onframe = (frame, seq) => {
    const inputs = values();
    const began = performance.now();
    let out;
    try {
      out = runtime.process(stream.handler, frame, inputs);
    } catch (e) {
      showError(outputs, String(/** @type {Error} */ (e).message));
      return;
    }
    state.stats.lastMs = performance.now() - began;
    for (const el of outputs) {
      /** @type {any} */ (el)?.show(out);
    }
    countProcessed(seq);
    keepLast(state.debug.log, { seq, inputs }, 200);
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

/**
 * The status line while waiting in line: "In queue: position 2, about 27 s", the seconds counted down locally every
 * second from the last queue message (the server sends one only when the position changes).
 */
class WaitingLine {
  /** @param {(text: string) => void} show */
  constructor(show) {
    this.show = show;
    /** @type {number|undefined} */
    this.timer = undefined;
  }

  /** Shows the position and counts `eta` seconds down from now. @param {number} position @param {number|null} eta */
  start(position, eta) {
    this.stop();
    const since = performance.now();
    const render = () => {
      if (eta == null) {
        this.show(`In queue: position ${position}`);
        return;
      }
      const left = Math.ceil(eta - (performance.now() - since) / 1000);
      this.show(`In queue: position ${position}, ` + (left > 0 ? `about ${left} s` : 'any moment now'));
    };
    render();
    if (eta != null) {
      this.timer = window.setInterval(render, 1000);
    }
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The last `seconds` of a stream of 16-bit samples (first channel), for level and pitch figures. */
class RecentSamples {
  /** @param {number} seconds */
  constructor(seconds) {
    this.seconds = seconds;
    this.samples = new Int16Array(0);
  }

  /** Appends a chunk and returns the window. @param {Int16Array} chunk @param {number} rate @param {number} channels */
  push(chunk, rate, channels) {
    const size = Math.round(this.seconds * rate);
    const frames = Math.floor(chunk.length / channels);
    const keep = Math.min(this.samples.length, Math.max(0, size - frames));
    const next = new Int16Array(keep + Math.min(frames, size));
    next.set(this.samples.subarray(this.samples.length - keep), 0);
    for (let i = Math.max(0, frames - size), j = keep; i < frames; i++, j++) {
      next[j] = chunk[i * channels];
    }
    this.samples = next;
    return next;
  }
}

/** @param {Uint8Array} bytes */
function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, /** @type {any} */ (bytes.subarray(i, i + 0x8000)));
  }
  return btoa(s);
}
