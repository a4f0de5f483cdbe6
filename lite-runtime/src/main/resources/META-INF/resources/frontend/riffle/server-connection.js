// @ts-check
/**
 * Connects a stream whose handler runs on the server. The page tries WebRTC first (the camera's or microphone's track
 * goes to the server, the answer comes back as a track) and falls back to the WebSocket transport by itself when
 * WebRTC does not connect within 5 s, saying so; `?transport=websocket` or `?transport=webrtc` forces one, and
 * `?format=raw` makes WebSocket streams send raw RGBA instead of JPEG. A connection lost while the user streams - or a
 * server stopping for a restart - is tried again every second. What the session says shows through SessionView; the
 * media go through ServerMedia.
 */
import { ErrorCode, MessageType } from './protocol.js';
import { riffle, showError } from './debug-stats.js';
import { ServerMedia } from './server-media.js';
import { ServerStream } from './server-stream.js';
import { SessionView } from './session-view.js';
import { connectElements } from './stream-elements.js';
import { ClientEndCode, SourceEvent, StreamState, Transport } from './stream-events.js';
import { RtcStream } from './webrtc-stream.js';

/** How long after a lost connection the page tries again (ms). */
const RECONNECT_AFTER = 1000;

/**
 * @param {import('./stream-elements.js').StreamSpec} stream
 * @param {Map<string, HTMLElement>} byId
 * @param {import('./stream-elements.js').Host} [host]
 */
export function wireServer(stream, byId, host = {}) {
  /** @type {ServerStream|RtcStream|null} */
  let session = null;
  const { source, outputs, values } = connectElements(stream, byId, () => session?.setInputs(values()), host);
  const audio = stream.modality === 'audio';
  /** a generator's stream: the server sends, the trigger is a button */
  const receiveOnly = stream.mode === 'receive';
  /** camera and microphone into one handler: only WebRTC carries both */
  const bothMedia = stream.modality === 'audio_video' && !receiveOnly;
  const mediaOutputs = /** @type {HTMLElement[]} */ (outputs.filter((el) => el && (el === source
    || el.localName === 'riffle-image' || el.localName === 'riffle-audio')));
  const valueOutputs = outputs.filter((el) => el && !mediaOutputs.includes(el));
  const params = new URLSearchParams(location.search);
  const format = params.get('format') === 'raw' ? 'raw' : 'jpeg';
  const transport = params.get('transport');
  const server = riffle.server;
  const media = new ServerMedia(stream.handler, source, mediaOutputs, values);
  const view = new SessionView(source, mediaOutputs, valueOutputs);

  /** Makes `s` the stream's session and follows it. @param {ServerStream|RtcStream} s @param {string} kind */
  const follow = (s, kind) => {
    session = s;
    server.transport = kind;
    view.listen(s, () => session === s);
    s.addEventListener(MessageType.CLOSED, (e) => closed(s, /** @type {CustomEvent} */ (e).detail));
  };

  /** @param {ServerStream|RtcStream} s @param {{code: string, message?: string}} m */
  const closed = (s, m) => {
    if (session !== s) {
      return;
    }
    view.ended();
    media.freeze();
    server.state = StreamState.CLOSED;
    // a lost connection or a server going down for a restart: try again every second while the user streams
    const lost = m.code === ClientEndCode.DISCONNECTED || m.code === ErrorCode.SERVER_STOPPING;
    if (source.running && !s.stopped && lost) {
      server.reconnects++;
      source.setStatus(m.code === ErrorCode.SERVER_STOPPING
        ? 'The server is stopping - reconnecting when it is back...' : 'Connection lost - reconnecting...');
      setTimeout(() => session === s && source.running && connect(), RECONNECT_AFTER);
    } else if (m.code !== ErrorCode.STOPPED && m.code !== ErrorCode.LEFT) {
      source.setStatus(m.message ?? null);
    }
    if (receiveOnly && m.code !== ClientEndCode.DISCONNECTED) {
      /** @type {any} */ (source).ended?.();
      session = null;
    }
  };

  const connectWebSocket = () => {
    const s = new ServerStream(/** @type {string} */ (stream.server), {
      format: /** @type {any} */ (audio ? 'pcm' : format), inputs: values() });
    follow(s, Transport.WEBSOCKET);
    media.receiveOverWebSocket(s);
    s.connect();
  };

  const connectWebRtc = async () => {
    const camera = /** @type {any} */ (source).stream;
    /** @type {('video'|'audio')[]} */
    const receive = !receiveOnly ? [] : stream.modality === 'audio_video' ? ['video', 'audio']
      : [stream.modality === 'audio' ? 'audio' : 'video'];
    const s = new RtcStream(/** @type {string} */ (stream.server), { media: camera, receive, inputs: values(),
      iceTransportPolicy: params.get('ice') === 'relay' ? 'relay' : 'all' });
    follow(s, Transport.WEBRTC);
    media.receiveOverWebRtc(s);
    await s.connect();
    server.route = s.route;
  };

  const connect = async () => {
    if (session && session.state !== StreamState.CLOSED) {
      return; // connected already (wired after Start, then told of the start)
    }
    server.state = StreamState.CONNECTING;
    server.note = '';
    const canRtc = 'RTCPeerConnection' in window && (receiveOnly || /** @type {any} */ (source).stream);
    if (transport !== Transport.WEBSOCKET && canRtc) {
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
        if (transport === Transport.WEBRTC || bothMedia) {
          showError(mediaOutputs, server.note);
          return;
        }
      }
    }
    source.setStatus(server.note || 'Connecting to the server...');
    connectWebSocket();
  };

  source.addEventListener(SourceEvent.STARTED, connect);
  source.addEventListener(SourceEvent.STOPPED, () => {
    view.ended();
    media.freeze();
    const stopped = session;
    session = null;
    server.state = StreamState.IDLE;
    stopped?.stop();
  });
  if (/** @type {any} */ (source).running && /** @type {any} */ (source).stream) {
    connect(); // wired after the user pressed Start (a Lite bundle that failed to load meanwhile)
  }
  if (!receiveOnly) {
    media.feed(() => session, audio); // a button has no media to send
  }
}
