// @ts-check
/**
 * The client's own words around a stream session, beside the wire's (protocol.js): the states a session - and the
 * page's riffle.server.state - goes through, the codes of a closed event the client makes itself, the transports,
 * and the events the transports and the page dispatch. The server's messages are dispatched as events named by their
 * MessageType; the names here are for everything else.
 */
import { MessageType, QueueState } from './protocol.js';

/** A session's `state`; riffle.server.state is one of these too (IDLE before and after a stream). */
export const StreamState = Object.freeze({
  IDLE: 'idle',
  CONNECTING: 'connecting',
  /** in line for a slot: the queue message's word */
  WAITING: QueueState.WAITING,
  STREAMING: 'streaming',
  /** ended: after the server's closed message, or when the connection ended */
  CLOSED: MessageType.CLOSED,
});

/**
 * The `code` of a closed event the client makes itself when the connection ended without the server's closed message
 * (a normal end is ErrorCode.STOPPED, as the server says it).
 */
export const ClientEndCode = Object.freeze({
  /** the connection to the server was lost, or the WebRTC connection failed */
  DISCONNECTED: 'disconnected',
  /** the server refused the session: it closed the WebSocket with CloseCode.POLICY_VIOLATION after an error */
  REFUSED: 'refused',
});

/** How a server stream travels: riffle.server.transport, `?transport=`, and the host's session event. */
export const Transport = Object.freeze({
  WEBRTC: 'webrtc',
  WEBSOCKET: 'websocket',
});

/** The events a transport dispatches besides the server's messages. */
export const TransportEvent = Object.freeze({
  /** WebSocket: a processed frame, detail {seq, image, serverMicros, roundTripMs} */
  FRAME: 'frame',
  /** WebSocket: a chunk of the handler's audio, detail {seq, samples, sampleRate, channels} */
  AUDIO: 'audio',
  /** WebRTC: a track from the server, detail {stream, track} */
  TRACK: 'track',
  /** WebRTC: the connection is up */
  CONNECTED: 'connected',
});

/** The news of a server session as DOM events on the stream's source element, for host pages (vaadin-ui). */
export const HostEvent = Object.freeze({
  SESSION: 'riffle-' + MessageType.SESSION,
  QUEUE: 'riffle-' + MessageType.QUEUE,
  EXPIRED: 'riffle-' + MessageType.EXPIRED,
  ERROR: 'riffle-' + MessageType.ERROR,
  CLOSED: 'riffle-' + MessageType.CLOSED,
});

/** The events a stream source element (<riffle-webcam>, <riffle-microphone>, <riffle-button>) dispatches. */
export const SourceEvent = Object.freeze({
  STARTED: 'stream-started',
  STOPPED: 'stream-stopped',
  ERROR: 'stream-error',
});
