// @ts-check
/**
 * What Riffle's two transports share (ServerStream: the WebSocket, RtcStream: WebRTC): a stream session on the
 * server and its JSON control messages. The server's messages - session, queue (state waiting with position and eta,
 * or admitted with time_limit), expired, outputs, error, closed, and FastRTC's log and warning - are dispatched as
 * CustomEvents named by their type (detail = the message); inputs, heartbeat and stop go to the server. When the
 * connection ends without the server's closed message, a closed event says why: ErrorCode.STOPPED after stop(), or
 * one of ClientEndCode. A transport adds its media path, `transmit` (how a control message travels) and `release`
 * (what it frees).
 */
import { MessageType, QueueState } from './protocol.js';
import { StreamState } from './stream-events.js';

/** How often a live client says so (the server ends a session that stays silent for several of these). */
const HEARTBEAT_MS = 2000;

export class StreamSession extends EventTarget {
  /** @param {string} path where the stream is mounted, e.g. "/filter/streams/0" @param {any[]|null} inputs */
  constructor(path, inputs) {
    super();
    this.path = path;
    /** the additional inputs' current values */
    this.inputs = inputs;
    /** @type {string} a StreamState: connecting, waiting, streaming or closed */
    this.state = StreamState.CONNECTING;
    this.sessionId = '';
    this.token = '';
    /** whether stop() ended the session (rather than the server or the connection) */
    this.stopped = false;
    /** the message of the last error the server sent: why it refused the session, when it does */
    this.refusal = '';
    /** @type {number|undefined} */
    this.heartbeat = undefined;
  }

  /** A control message from the server. @param {string} text */
  onText(text) {
    this.onMessage(JSON.parse(text));
  }

  /** Follows a control message in `state` and dispatches it. @param {any} m */
  onMessage(m) {
    switch (m.type) {
      case MessageType.SESSION:
        this.sessionId = m.session_id;
        this.token = m.token ?? this.token;
        break;
      case MessageType.QUEUE:
        this.state = m.state === QueueState.ADMITTED ? StreamState.STREAMING : StreamState.WAITING;
        break;
      case MessageType.CLOSED:
        this.state = StreamState.CLOSED;
        break;
      case MessageType.ERROR:
        this.refusal = m.error?.message ?? '';
        break;
      default:
    }
    this.emit(m.type, m);
  }

  /** Says every HEARTBEAT_MS that this client is alive, until release(). */
  startHeartbeat() {
    clearInterval(this.heartbeat);
    this.heartbeat = window.setInterval(() => this.sendText({ type: MessageType.HEARTBEAT }), HEARTBEAT_MS);
  }

  /**
   * The connection ended: a closed event with `detail` says so, unless the session was closed already (the server's
   * closed message came first, or stop()).
   * @param {{code: string, message: string, wsCode?: number}} detail
   * @returns {boolean} whether the session was still open
   */
  ended(detail) {
    if (this.state === StreamState.CLOSED) {
      return false;
    }
    this.state = StreamState.CLOSED;
    this.emit(MessageType.CLOSED, detail);
    return true;
  }

  /** New values of the stream's additional inputs; the handler sees them from its next frame. @param {any[]} values */
  setInputs(values) {
    this.inputs = values;
    this.sendText({ type: MessageType.INPUTS, values });
  }

  /** Ends the session and frees its slot. */
  stop() {
    this.stopped = true;
    this.sendText({ type: MessageType.STOP });
    this.state = StreamState.CLOSED;
    this.release();
  }

  /** Frees what the session holds; a transport frees its connection too. */
  release() {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Sends a control message if the connection is open. @param {object} message */
  sendText(message) {
    this.transmit(JSON.stringify(message));
  }

  /** Sends a control message's text if the connection is open (each transport its own way). @param {string} text */
  transmit(text) {
    throw new Error(`${this.constructor.name} cannot send ${text}`);
  }

  /** @param {string} type @param {any} detail */
  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
