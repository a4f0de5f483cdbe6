// @ts-check
/**
 * The browser end of Riffle's WebRTC transport: the camera's (or microphone's) track goes to the server over a
 * peer connection, the handler's answer comes back as a track, and the control messages of the WebSocket transport
 * (session, queue, expired, outputs, error, closed; inputs, heartbeat, stop) travel on a data channel. Signalling is
 * FastRTC's: POST {sdp, type: "offer", webrtc_id} to `<path>/webrtc/offer`, answered with {sdp, type: "answer",
 * session_id, token}.
 *
 * Events: the server's messages (CustomEvent, detail = message), 'connected', and 'track' (detail: {stream}).
 * connect() resolves once the connection is up and rejects when it cannot be made within `timeoutMs`.
 */

export class RtcStream extends EventTarget {
  /**
   * @param {string} path where the stream is mounted
   * @param {{media?: MediaStream|null, receive?: ('video'|'audio')[], inputs?: any[], timeoutMs?: number,
   *   iceServers?: RTCIceServer[]}} options `media` goes to the server; `receive` asks for tracks the server sends
   *   without a track of ours (FastRTC's mode "receive")
   */
  constructor(path, options) {
    super();
    this.path = path.replace(/\/$/, '');
    this.media = options.media ?? null;
    this.receive = options.receive ?? [];
    this.inputs = options.inputs ?? null;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.iceServers = options.iceServers ?? [];
    /** 'connecting' | 'waiting' | 'streaming' | 'closed' */
    this.state = 'connecting';
    this.sessionId = '';
    this.token = '';
    this.webrtcId = randomId();
    /** @type {RTCPeerConnection|null} */
    this.pc = null;
    /** @type {RTCDataChannel|null} */
    this.channel = null;
    /** @type {number|undefined} */
    this.heartbeat = undefined;
    this.stopped = false;
    /** whether the connection came up (a failure before that rejects connect() instead of emitting 'closed') */
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
    pc.ontrack = (e) => this.emit('track', { stream: e.streams[0] ?? new MediaStream([e.track]), track: e.track });
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
    this.heartbeat = window.setInterval(() => this.sendText({ type: 'heartbeat' }), 2000);
    this.connected = true;
    this.emit('connected', {});
  }

  /** @param {RTCPeerConnection} pc */
  async negotiate(pc) {
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc);
    const response = await fetch(this.path + '/webrtc/offer', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sdp: pc.localDescription?.sdp, type: 'offer', webrtc_id: this.webrtcId,
        inputs: this.inputs }),
    });
    const answer = await response.json();
    if (!response.ok) {
      throw new Error(answer.error?.message ?? `The server answered ${response.status}`);
    }
    this.sessionId = answer.session_id;
    this.token = answer.token;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
  }

  /** @param {string} text */
  onText(text) {
    const m = JSON.parse(text);
    switch (m.type) {
      case 'session':
        this.sessionId = m.session_id;
        break;
      case 'queue':
        this.state = m.state === 'admitted' ? 'streaming' : 'waiting';
        break;
      case 'closed':
        this.state = 'closed';
        break;
      default:
    }
    this.emit(m.type, m);
  }

  /** @param {string} message */
  lost(message) {
    if (this.state === 'closed' || !this.connected) {
      return;
    }
    this.state = 'closed';
    this.emit('closed', { code: this.stopped ? 'stopped' : 'disconnected', message });
    this.release();
  }

  /** New values of the stream's additional inputs. @param {any[]} values */
  setInputs(values) {
    this.inputs = values;
    this.sendText({ type: 'inputs', values });
  }

  /** Ends the session and frees its slot. */
  stop() {
    this.stopped = true;
    this.sendText({ type: 'stop' });
    this.state = 'closed';
    this.release();
  }

  release() {
    clearInterval(this.heartbeat);
    if (this.channel) {
      this.channel.onclose = null;
      this.channel.close();
    }
    this.pc?.close();
    this.pc = null;
    this.channel = null;
  }

  /** @param {object} message */
  sendText(message) {
    if (this.channel && this.channel.readyState === 'open') {
      this.channel.send(JSON.stringify(message));
    }
  }

  /** @param {string} type @param {any} detail */
  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
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
