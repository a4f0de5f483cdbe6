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
   *   iceServers?: RTCIceServer[], iceTransportPolicy?: RTCIceTransportPolicy}} options `media` goes to the
   *   server; `receive` asks for tracks the server sends without a track of ours (FastRTC's mode "receive");
   *   without `iceServers`, the server's (`<stream>/webrtc/ice`: STUN, TURN with fresh credentials) are used;
   *   `iceTransportPolicy: 'relay'` forces the media through TURN
   */
  constructor(path, options) {
    super(path.replace(/\/$/, ''), options.inputs ?? null);
    this.media = options.media ?? null;
    this.receive = options.receive ?? [];
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.iceServers = options.iceServers ?? null;
    this.iceTransportPolicy = options.iceTransportPolicy ?? 'all';
    /** the connected route, as `<local candidate type>-<remote candidate type>` (`host-host`, `relay-host`) */
    this.route = '';
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
    const iceServers = this.iceServers ?? await this.serverIceServers();
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: this.iceTransportPolicy });
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
    this.route = await selectedRoute(pc);
    this.emit(TransportEvent.CONNECTED, {});
  }

  /** The ICE servers the server hands out (none when it cannot say). @returns {Promise<RTCIceServer[]>} */
  async serverIceServers() {
    try {
      const response = await fetch(this.path + '/webrtc/ice', { cache: 'no-store' });
      return response.ok ? ((await response.json()).iceServers ?? []) : [];
    } catch (e) {
      return [];
    }
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

/**
 * A local candidate's type; a peer-reflexive one that is the port of one of our relay candidates (the far end saw
 * our TURN allocation, and wrote its address as ::ffff:127.0.0.1) is that relay.
 * @param {any} candidate @param {RTCStatsReport} stats @returns {string}
 */
function kind(candidate, stats) {
  if (!candidate) {
    return '?';
  }
  if (candidate.candidateType === 'prflx') {
    let relayed = false;
    stats.forEach((r) => {
      if (r.type === 'local-candidate' && r.candidateType === 'relay' && r.port === candidate.port
        && String(candidate.address).endsWith(String(r.address))) {
        relayed = true;
      }
    });
    if (relayed) {
      return 'relay';
    }
  }
  return candidate.candidateType;
}

/**
 * The candidate types of the pair a connection uses, e.g. `relay-host` when the browser's media goes through TURN.
 * @param {RTCPeerConnection} pc @returns {Promise<string>}
 */
async function selectedRoute(pc) {
  try {
    const stats = await pc.getStats();
    let pair = null;
    stats.forEach((r) => {
      if (r.type === 'transport' && r.selectedCandidatePairId) {
        pair = stats.get(r.selectedCandidatePairId);
      }
    });
    if (!pair) {
      stats.forEach((r) => {
        if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') {
          pair = r;
        }
      });
    }
    if (!pair) {
      return '';
    }
    const local = stats.get(pair.localCandidateId);
    const remote = stats.get(pair.remoteCandidateId);
    return `${kind(local, stats)}-${remote?.candidateType ?? '?'}`;
  } catch (e) {
    return '';
  }
}
