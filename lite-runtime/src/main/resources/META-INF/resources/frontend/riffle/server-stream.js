// @ts-check
/**
 * The browser end of Riffle's WebSocket transport: a stream session on the server. Frames go up as binary messages
 * (JPEG by default, as Gradio sends them, or raw RGBA) with a 16-byte header; processed frames come back the same
 * way. Audio streams send and receive 16-bit PCM chunks with their own 16-byte header (magic 'A'). Control messages
 * are JSON. See dev.riffle.server.StreamSocket, FrameCodec and AudioCodec for the protocol.
 *
 * Events (CustomEvent, detail = the server's message): 'session', 'queue' (state waiting with position/eta, or
 * admitted with time_limit), 'expired', 'outputs', 'error', 'closed' (the server's code - server_stopping, ... - or,
 * when the socket closed without one: 'stopped', 'refused' after an error, 'disconnected'); 'frame' (detail: {seq,
 * image, serverMicros, roundTripMs}); 'audio' (detail: {seq, samples: Int16Array, sampleRate, channels}).
 */

const HEADER = 16;
const FORMAT_CODES = { raw: 1, jpeg: 2 };
const VIDEO_MAGIC = 0x52; // 'R'
const AUDIO_MAGIC = 0x41; // 'A'
const PCM_S16LE = 1;

export class ServerStream extends EventTarget {
  /**
   * @param {string} path where the stream is mounted, e.g. "/filter/streams/0"
   * @param {{format?: 'jpeg'|'raw', inputs?: any[], jpegQuality?: number}} options
   */
  constructor(path, options = {}) {
    super();
    this.path = path;
    this.format = options.format === 'raw' ? 'raw' : 'jpeg';
    this.inputs = options.inputs ?? null;
    this.jpegQuality = options.jpegQuality ?? 0.8;
    /** 'connecting' | 'waiting' | 'streaming' | 'closed' */
    this.state = 'connecting';
    /** @type {WebSocket|null} */
    this.ws = null;
    this.sessionId = '';
    this.token = '';
    this.inFlight = 0;
    /** @type {Map<number, number>} seq -> send time */
    this.sentAt = new Map();
    this.skipped = 0;
    /** @type {number|undefined} */
    this.heartbeat = undefined;
    this.stopped = false;
    /** the message of the last error the server sent: why it refused the session, when it closes with 1008 */
    this.refusal = '';
  }

  /** Opens the connection and starts the session. */
  connect() {
    const url = new URL(this.path.replace(/\/$/, '') + '/websocket', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: 'start', format: this.format, inputs: this.inputs }));
      this.heartbeat = window.setInterval(() => this.sendText({ type: 'heartbeat' }), 2000);
    };
    ws.onmessage = (e) => (typeof e.data === 'string' ? this.onText(e.data) : this.onBinary(e.data));
    ws.onclose = (e) => {
      clearInterval(this.heartbeat);
      const wasOpen = this.state !== 'closed';
      this.state = 'closed';
      if (wasOpen) {
        // 1008: the server refused the session (an unknown stream, bad input) and said why in an error first
        const code = e.code === 1000 ? 'stopped' : e.code === 1008 ? 'refused' : 'disconnected';
        this.emit('closed', { code, wsCode: e.code, message: code === 'stopped' ? 'The stream ended.'
          : code === 'refused' ? this.refusal || e.reason : 'The connection to the server was lost.' });
      }
    };
  }

  /** @param {string} text */
  onText(text) {
    const m = JSON.parse(text);
    switch (m.type) {
      case 'session':
        this.sessionId = m.session_id;
        this.token = m.token;
        break;
      case 'queue':
        this.state = m.state === 'admitted' ? 'streaming' : 'waiting';
        this.inFlight = 0;
        break;
      case 'closed':
        this.state = 'closed';
        break;
      case 'error':
        this.refusal = m.error?.message ?? '';
        break;
      default:
    }
    this.emit(m.type, m);
  }

  /** @param {ArrayBuffer} buffer */
  async onBinary(buffer) {
    const view = new DataView(buffer);
    if (view.getUint8(0) === AUDIO_MAGIC) {
      const channels = view.getUint8(2);
      this.emit('audio', { seq: view.getUint32(4), sampleRate: view.getUint32(8), channels,
        samples: new Int16Array(buffer, HEADER, (buffer.byteLength - HEADER) >> 1) });
      return;
    }
    const format = view.getUint8(1);
    const seq = view.getUint32(4);
    const width = view.getUint16(8);
    const height = view.getUint16(10);
    const serverMicros = view.getUint32(12);
    this.inFlight = Math.max(0, this.inFlight - 1);
    const sent = this.sentAt.get(seq);
    this.sentAt.delete(seq);
    let image;
    if (format === FORMAT_CODES.raw) {
      image = new ImageData(new Uint8ClampedArray(buffer, HEADER, width * height * 4), width, height);
    } else {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(buffer, HEADER)], { type: 'image/jpeg' }));
      const canvas = new OffscreenCanvas(width, height);
      const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      image = ctx.getImageData(0, 0, width, height);
    }
    this.emit('frame', { seq, image, serverMicros, roundTripMs: sent === undefined ? NaN : performance.now() - sent });
  }

  /**
   * Sends a frame if the session is streaming and the previous ones are on their way: with two frames in flight
   * or bytes still buffered, the frame is skipped (latest frame wins, as on the server).
   * @param {ImageData} frame
   * @param {number} seq
   * @returns {Promise<boolean>} whether it was sent
   */
  async send(frame, seq) {
    const ws = this.ws;
    if (!ws || this.state !== 'streaming' || ws.readyState !== WebSocket.OPEN) {
      return false;
    }
    if (this.inFlight >= 2 || ws.bufferedAmount > 0) {
      this.skipped++;
      return false;
    }
    this.inFlight++;
    this.sentAt.set(seq, performance.now());
    if (this.sentAt.size > 64) {
      this.sentAt.delete(this.sentAt.keys().next().value);
    }
    let payload;
    if (this.format === 'raw') {
      payload = new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
    } else {
      const canvas = new OffscreenCanvas(frame.width, frame.height);
      /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d')).putImageData(frame, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: this.jpegQuality });
      payload = new Uint8Array(await blob.arrayBuffer());
    }
    const message = new Uint8Array(HEADER + payload.byteLength);
    const header = new DataView(message.buffer);
    header.setUint8(0, VIDEO_MAGIC);
    header.setUint8(1, FORMAT_CODES[this.format]);
    header.setUint32(4, seq);
    header.setUint16(8, frame.width);
    header.setUint16(10, frame.height);
    message.set(payload, HEADER);
    if (ws.readyState === WebSocket.OPEN) {
      ws.send(message);
    }
    return true;
  }

  /**
   * Sends an audio chunk if the session is streaming (chunks are never skipped: audio handlers get every one).
   * @param {Int16Array} samples mono 16-bit PCM
   * @param {number} sampleRate
   * @param {number} seq
   * @returns {boolean} whether it was sent
   */
  sendAudio(samples, sampleRate, seq) {
    const ws = this.ws;
    if (!ws || this.state !== 'streaming' || ws.readyState !== WebSocket.OPEN) {
      return false;
    }
    const message = new Uint8Array(HEADER + samples.byteLength);
    const header = new DataView(message.buffer);
    header.setUint8(0, AUDIO_MAGIC);
    header.setUint8(1, PCM_S16LE);
    header.setUint8(2, 1);
    header.setUint32(4, seq);
    header.setUint32(8, sampleRate);
    // samples stay little-endian, as Int16Array holds them on every platform browsers run on
    message.set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength), HEADER);
    ws.send(message);
    return true;
  }

  /** New values of the stream's additional inputs; the handler sees them from its next frame. @param {any[]} values */
  setInputs(values) {
    this.inputs = values;
    this.sendText({ type: 'inputs', values });
  }

  /** Ends the session and frees its slot. */
  stop() {
    this.stopped = true;
    this.sendText({ type: 'stop' });
    clearInterval(this.heartbeat);
    this.ws?.close(1000);
    this.state = 'closed';
  }

  /** @param {object} message */
  sendText(message) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(message));
    }
  }

  /** @param {string} type @param {any} detail */
  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
