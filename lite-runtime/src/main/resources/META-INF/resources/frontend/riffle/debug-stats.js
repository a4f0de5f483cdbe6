// @ts-check
/**
 * The figures a Riffle page keeps in window.riffle for tests and benchmarks: stats (frames processed, timings,
 * errors), the server stream's state and every control message received, audio figures (chunks sent and received,
 * level and pitch of the last 200 ms each way) and, when riffle.debug.capture is true, copies of the last input and
 * output pixels. Browser tests read these fields by name: keep them.
 */
import { StreamState } from './stream-events.js';

export const riffle = {
  /** @type {import('./lite-page.js').AppSpec|null} */ app: null,
  stats: { processed: 0, lastSeq: 0, errors: 0, lastError: '', wasmReadyAt: 0, firstFrameAt: 0, lastMs: 0 },
  /** the server stream of the page, if any: state, session, and every control message received */
  server: { state: /** @type {string} */ (StreamState.IDLE), transport: '', route: '', note: '', liteFallback: '',
    fallbacks: 0, reconnects: 0, sessionId: '', position: 0,
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
    /** whether to keep copies of the last input and output pixels (tests turn it on) */
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
globalThis.riffle = riffle;

/** Counts a processed frame (or audio chunk) in riffle.stats. @param {number} seq */
export function countProcessed(seq) {
  const stats = riffle.stats;
  stats.processed++;
  stats.lastSeq = seq;
  if (!stats.firstFrameAt) {
    stats.firstFrameAt = performance.now();
  }
}

/**
 * Counts an error and shows it under each of `elements`.
 * @param {(HTMLElement|undefined)[]} elements @param {string} message
 */
export function showError(elements, message) {
  riffle.stats.errors++;
  riffle.stats.lastError = message;
  for (const el of elements) {
    /** @type {any} */ (el)?.error?.(message);
  }
}

/** Appends to a list kept at most `max` long. @template T @param {T[]} list @param {T} item @param {number} max */
export function keepLast(list, item, max) {
  list.push(item);
  if (list.length > max) {
    list.shift();
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
