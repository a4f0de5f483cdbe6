// @ts-check
/**
 * The browser end of Riffle's WebSocket transport: a StreamSession (see stream-session.js for the control messages
 * and events both transports share) whose media travel as binary messages on the socket. Frames go up (JPEG by
 * default, as Gradio sends them, or raw RGBA) with a 16-byte header; processed frames come back the same way. Audio
 * streams send and receive 16-bit PCM chunks with their own 16-byte header (magic 'A'). See
 * dev.riffle.server.StreamSocket, FrameCodec and AudioCodec for the protocol.
 *
 * Events besides the shared ones: TransportEvent.FRAME (detail: {seq, image, serverMicros, roundTripMs}) and
 * TransportEvent.AUDIO (detail: {seq, samples: Int16Array, sampleRate, channels}). When the socket closes without
 * the server's closed message, the closed event's code is ErrorCode.STOPPED for a normal close,
 * ClientEndCode.REFUSED when the server refused the session (its error message says why), else
 * ClientEndCode.DISCONNECTED.
 */
import { CloseCode, ErrorCode, MessageType } from './protocol.js';
import { ClientEndCode, StreamState, TransportEvent } from './stream-events.js';
import { StreamSession } from './stream-session.js';

const HEADER = 16;
const FORMAT_CODES = { raw: 1, jpeg: 2 };
const VIDEO_MAGIC = 0x52; // 'R'
const AUDIO_MAGIC = 0x41; // 'A'
const PCM_S16LE = 1;

export class ServerStream extends StreamSession {
  /**
   * @param {string} path where the stream is mounted, e.g. "/filter/streams/0"
   * @param {{format?: 'jpeg'|'raw', inputs?: any[], jpegQuality?: number}} options
   */
  constructor(path, options = {}) {
    super(path, options.inputs ?? null);
    this.format = options.format === 'raw' ? 'raw' : 'jpeg';
    this.jpegQuality = options.jpegQuality ?? 0.8;
    /** @type {WebSocket|null} */
    this.ws = null;
    this.inFlight = 0;
    /** @type {Map<number, number>} seq -> send time */
    this.sentAt = new Map();
    this.skipped = 0;
  }

  /** Opens the connection and starts the session. */
  connect() {
    const url = new URL(this.path.replace(/\/$/, '') + '/websocket', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: MessageType.START, format: this.format, inputs: this.inputs }));
      this.startHeartbeat();
    };
    ws.onmessage = (e) => (typeof e.data === 'string' ? this.onText(e.data) : this.onBinary(e.data));
    ws.onclose = (e) => {
      this.release();
      // POLICY_VIOLATION: the server refused the session (an unknown stream, bad input) and said why in an error
      const code = e.code === CloseCode.NORMAL ? ErrorCode.STOPPED
        : e.code === CloseCode.POLICY_VIOLATION ? ClientEndCode.REFUSED : ClientEndCode.DISCONNECTED;
      this.ended({ code, wsCode: e.code, message: code === ErrorCode.STOPPED ? 'The stream ended.'
        : code === ClientEndCode.REFUSED ? this.refusal || e.reason : 'The connection to the server was lost.' });
    };
  }

  /** @param {any} m */
  onMessage(m) {
    if (m.type === MessageType.QUEUE) {
      this.inFlight = 0; // admitted afresh, or back in line: nothing is on its way any more
    }
    super.onMessage(m);
  }

  /** @param {ArrayBuffer} buffer */
  async onBinary(buffer) {
    const view = new DataView(buffer);
    if (view.getUint8(0) === AUDIO_MAGIC) {
      const channels = view.getUint8(2);
      this.emit(TransportEvent.AUDIO, { seq: view.getUint32(4), sampleRate: view.getUint32(8), channels,
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
    const roundTripMs = sent === undefined ? NaN : performance.now() - sent;
    this.emit(TransportEvent.FRAME, { seq, image, serverMicros, roundTripMs });
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
    if (!ws || this.state !== StreamState.STREAMING || ws.readyState !== WebSocket.OPEN) {
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
    if (!ws || this.state !== StreamState.STREAMING || ws.readyState !== WebSocket.OPEN) {
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

  release() {
    super.release();
    this.ws?.close(CloseCode.NORMAL);
  }

  /** @param {string} text */
  transmit(text) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(text);
    }
  }
}
