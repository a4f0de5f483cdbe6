// @ts-check
/**
 * The browser end of Riffle's WebRTC transport: a StreamSession (see stream-session.js for the control messages and
 * events both transports share) whose media travel on a peer connection. The camera's (or microphone's) track goes
 * to the server, the handler's answer comes back as a track, and the control messages travel on a data channel.
 * Signalling is FastRTC's: POST {sdp, type: "offer", webrtc_id} to `<path>/webrtc/offer`, answered with {sdp, type:
 * "answer", session_id, token}.
 *
 * Events besides the shared ones: TransportEvent.CONNECTED, and TransportEvent.TRACK (detail: {stream, track}).
 * connect() resolves once the connection is up and rejects when it cannot be made within `timeoutMs`; a connection
 * lost after that ends with a closed event (ClientEndCode.DISCONNECTED, or ErrorCode.STOPPED after stop()).
 */
import { ErrorCode, MessageType } from './protocol.js';
import { ClientEndCode, TransportEvent } from './stream-events.js';
import { StreamSession } from './stream-session.js';

export class RtcStream extends StreamSession {
  /**
   * @param {string} path where the stream is mounted
   * @param {{media?: MediaStream|null, receive?: ('video'|'audio')[], inputs?: any[], timeoutMs?: number,
   *   iceServers?: RTCIceServer[]}} options `media` goes to the server; `receive` asks for tracks the server sends
   *   without a track of ours (FastRTC's mode "receive")
   */
  constructor(path, options) {
    super(path.replace(/\/$/, ''), options.inputs ?? null);
    this.media = options.media ?? null;
    this.receive = options.receive ?? [];
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.iceServers = options.iceServers ?? [];
    this.webrtcId = randomId();
    /** @type {RTCPeerConnection|null} */
    this.pc = null;
    /** @type {RTCDataChannel|null} */
    this.channel = null;
    /** whether the connection came up (a failure before that rejects connect() instead of emitting closed) */
    this.connected = false;
  }

  /** Connects; rejects (and releases everything) if the connection is not up within timeoutMs. */
  async connect() {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.pc = pc;
    for (const track of this.media?.getTracks() ?? []) {
      pc.addTrack(track, /** @type {MediaStream} */ (this.media));
    }
    for (const kind of this.receive) {
      pc.addTransceiver(kind, { direction: 'recvonly' });
    }
    const channel = pc.createDataChannel('text', { ordered: true });
    this.channel = channel;
    channel.onmessage = (e) => this.onText(String(e.data));
    channel.onclose = () => this.lost('The connection to the server was lost.');
    pc.ontrack = (e) => this.emit(TransportEvent.TRACK,
      { stream: e.streams[0] ?? new MediaStream([e.track]), track: e.track });
    const connected = new Promise((resolve, reject) => {
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'connected') {
          resolve(undefined);
        } else if (pc.connectionState === 'failed') {
          reject(new Error('WebRTC connection failed'));
          this.lost('The WebRTC connection failed.');
        }
      };
    });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`WebRTC did not connect within ${this.timeoutMs} ms`)),
        this.timeoutMs);
    });
    try {
      await Promise.race([this.negotiate(pc), timeout]);
      await Promise.race([connected, timeout]);
    } catch (e) {
      this.release();
      throw e;
    } finally {
      clearTimeout(timer);
    }
    this.startHeartbeat();
    this.connected = true;
    this.emit(TransportEvent.CONNECTED, {});
  }

  /** @param {RTCPeerConnection} pc */
  async negotiate(pc) {
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc);
    const response = await fetch(this.path + '/webrtc/offer', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sdp: pc.localDescription?.sdp, type: MessageType.OFFER, webrtc_id: this.webrtcId,
        inputs: this.inputs }),
    });
    const answer = await response.json();
    if (!response.ok) {
      throw new Error(answer.error?.message ?? `The server answered ${response.status}`);
    }
    this.sessionId = answer.session_id;
    this.token = answer.token;
    await pc.setRemoteDescription({ type: /** @type {RTCSdpType} */ (MessageType.ANSWER), sdp: answer.sdp });
  }

  /** The connection went down (once it was up): says so, unless the session ended already. @param {string} message */
  lost(message) {
    if (!this.connected) {
      return;
    }
    this.ended({ code: this.stopped ? ErrorCode.STOPPED : ClientEndCode.DISCONNECTED, message });
    this.release();
  }

  release() {
    super.release();
    if (this.channel) {
      this.channel.onclose = null;
      this.channel.close();
    }
    this.pc?.close();
    this.pc = null;
    this.channel = null;
  }

  /** @param {string} text */
  transmit(text) {
    if (this.channel && this.channel.readyState === 'open') {
      this.channel.send(text);
    }
  }
}

/** @param {RTCPeerConnection} pc */
function gatheringComplete(pc) {
  if (pc.iceGatheringState === 'complete') {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') {
        resolve(undefined);
      }
    });
  });
}

function randomId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
