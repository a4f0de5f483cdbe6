// @ts-check
/**
 * Riffle's wire vocabulary: the control message types, the queue states, the error and end codes and the WebSocket
 * close codes that the server (dev.riffle.server.Protocol and dev.riffle.server.ErrorCode) and this client share.
 * Nothing else in the client spells them; a server test checks that this file and the Java classes agree.
 */

/** The `type` of a JSON control message (WebSocket text message, WebRTC data channel, HTTP signalling). */
export const MessageType = Object.freeze({
  // server to client
  SESSION: 'session',
  QUEUE: 'queue',
  EXPIRED: 'expired',
  OUTPUTS: 'outputs',
  ERROR: 'error',
  CLOSED: 'closed',
  // FastRTC's messages, server to client
  LOG: 'log',
  WARNING: 'warning',
  SEND_INPUT: 'send_input',
  FETCH_OUTPUT: 'fetch_output',
  END_STREAM: 'end_stream',
  // client to server
  START: 'start',
  INPUTS: 'inputs',
  HEARTBEAT: 'heartbeat',
  STOP: 'stop',
  // WebRTC signalling
  OFFER: 'offer',
  ANSWER: 'answer',
  ICE_CANDIDATE: 'ice-candidate',
});

/** The `state` of a `queue` message. */
export const QueueState = Object.freeze({
  WAITING: 'waiting',
  ADMITTED: 'admitted',
});

/**
 * The `code` of an error (HTTP body, `error` message) or of a `closed` message - which also carries the normal
 * ends: stopped, left, closed_by_handler.
 */
export const ErrorCode = Object.freeze({
  BAD_JSON: 'bad_json',
  BAD_REQUEST: 'bad_request',
  BAD_MESSAGE: 'bad_message',
  BAD_FRAME: 'bad_frame',
  BAD_AUDIO: 'bad_audio',
  BAD_SDP: 'bad_sdp',
  FRAME_SIZE_MISMATCH: 'frame_size_mismatch',
  INVALID_CANDIDATE_FORMAT: 'invalid_candidate_format',
  UNSUPPORTED_MODALITY: 'unsupported_modality',
  UNSUPPORTED_TRANSPORT: 'unsupported_transport',
  FORBIDDEN: 'forbidden',
  ORIGIN_NOT_ALLOWED: 'origin_not_allowed',
  NOT_FOUND: 'not_found',
  UNKNOWN_SESSION: 'unknown_session',
  UNKNOWN_STREAM: 'unknown_stream',
  METHOD_NOT_ALLOWED: 'method_not_allowed',
  ALREADY_STARTED: 'already_started',
  CONNECTION_ALREADY_EXISTS: 'connection_already_exists',
  NOT_STARTED: 'not_started',
  AUDIO_CHUNK_TOO_LONG: 'audio_chunk_too_long',
  FRAME_DIMENSIONS: 'frame_dimensions',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  MESSAGE_TOO_BIG: 'message_too_big',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media_type',
  INVALID_INPUT: 'invalid_input',
  UNKNOWN_INPUT: 'unknown_input',
  HANDLER_ERROR: 'handler_error',
  HANDLER_TIMEOUT: 'handler_timeout',
  MEDIA_ERROR: 'media_error',
  OUTPUT_BACKLOG: 'output_backlog',
  AUDIO_BACKLOG: 'audio_backlog',
  WEBRTC_ERROR: 'webrtc_error',
  OFFER_FAILED: 'offer_failed',
  TRANSPORT_ERROR: 'transport_error',
  CONNECT_TIMEOUT: 'connect_timeout',
  CONCURRENCY_LIMIT_REACHED: 'concurrency_limit_reached',
  QUEUE_FULL: 'queue_full',
  TOO_MANY_PENDING_CANDIDATES: 'too_many_pending_candidates',
  WEBRTC_UNAVAILABLE: 'webrtc_unavailable',
  QUEUE_UNAVAILABLE: 'queue_unavailable',
  NODE_UNREACHABLE: 'node_unreachable',
  CLIENT_TOO_SLOW: 'client_too_slow',
  HEARTBEAT_LOST: 'heartbeat_lost',
  SERVER_STOPPING: 'server_stopping',
  STOPPED: 'stopped',
  LEFT: 'left',
  CLOSED_BY_HANDLER: 'closed_by_handler',
});

/** WebSocket close codes the server ends a session with (RFC 6455). */
export const CloseCode = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  TRY_AGAIN_LATER: 1013,
});
