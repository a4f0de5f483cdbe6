// @ts-check
/**
 * What a page shows of a server session, over either transport: the queue position (counted down locally), the
 * time-limit bar, the handler's status and errors, its additional outputs - and the same news as DOM events on the
 * source element for host pages (HostEvent; vaadin-ui's components listen). Every control message is kept in
 * riffle.server.messages.
 */
import { MessageType, QueueState } from './protocol.js';
import { keepLast, riffle, showError } from './debug-stats.js';
import { HostEvent, StreamState } from './stream-events.js';

/** What the status line says when a turn-taking handler (ReplyOnPause) logs its progress. */
const TURN_STATUS = /** @type {Record<string, string>} */ ({
  started_talking: 'Listening...',
  pause_detected: 'Pause detected - thinking',
  response_starting: 'Replying',
  interrupted: 'Interrupted',
});

/** The messages kept in riffle.server.messages. */
const LOGGED = [MessageType.SESSION, MessageType.QUEUE, MessageType.EXPIRED, MessageType.OUTPUTS, MessageType.ERROR,
  MessageType.WARNING, MessageType.LOG, MessageType.CLOSED];

export class SessionView {
  /**
   * @param {import('./riffle-webcam.js').RiffleWebcam} source the stream's source: status line, time-limit bar
   * @param {(HTMLElement|undefined)[]} mediaOutputs where errors show
   * @param {(HTMLElement|undefined)[]} valueOutputs the additional outputs
   */
  constructor(source, mediaOutputs, valueOutputs) {
    this.source = source;
    this.mediaOutputs = mediaOutputs;
    this.valueOutputs = valueOutputs;
    this.waitingLine = new WaitingLine((text) => source.setStatus(text));
  }

  /**
   * Shows what `s` says while `isCurrent(s)`: a session the user stopped (or one replaced by a reconnect) says nothing
   * about the stream's place in line any more.
   * @param {import('./stream-session.js').StreamSession} s @param {() => boolean} isCurrent
   */
  listen(s, isCurrent) {
    const server = riffle.server;
    const source = this.source;
    /** @param {string} type @param {(m: any) => void} react */
    const on = (type, react) => s.addEventListener(type, (e) => react(/** @type {CustomEvent} */ (e).detail));
    LOGGED.forEach((type) => on(type, (m) => keepLast(server.messages, m, 500)));
    on(MessageType.LOG, (m) => {
      keepLast(server.logs, String(m.data), 500);
      const said = TURN_STATUS[m.data];
      if (said) {
        source.setStatus(said);
      }
    });
    on(MessageType.WARNING, (m) => source.setStatus(m.data ?? 'Warning'));
    on(MessageType.SESSION, (m) => {
      server.sessionId = m.session_id;
    });
    /** @param {string} type @param {string} event @param {(m: any) => any} detail */
    const tell = (type, event, detail) => on(type, (m) => source.dispatchEvent(new CustomEvent(event,
      { detail: detail(m) })));
    tell(MessageType.SESSION, HostEvent.SESSION, (m) => ({ sessionId: m.session_id, transport: server.transport }));
    tell(MessageType.QUEUE, HostEvent.QUEUE, (m) => ({ state: m.state, position: m.position ?? 0, eta: m.eta ?? null,
      timeLimit: m.time_limit ?? null }));
    tell(MessageType.EXPIRED, HostEvent.EXPIRED, () => ({}));
    tell(MessageType.ERROR, HostEvent.ERROR, (m) => ({ message: m.error?.message ?? String(m) }));
    tell(MessageType.CLOSED, HostEvent.CLOSED, (m) => ({ code: m.code, message: m.message ?? '' }));
    on(MessageType.QUEUE, (m) => {
      if (!isCurrent()) {
        return;
      }
      this.waitingLine.stop();
      if (m.state === QueueState.ADMITTED) {
        server.state = StreamState.STREAMING;
        server.position = 0;
        source.setStatus(server.note || null);
        source.setTimeLimit(m.time_limit ? { total: m.time_limit, remaining: m.remaining ?? m.time_limit } : null);
      } else {
        server.state = StreamState.WAITING;
        server.position = m.position;
        source.setTimeLimit(null);
        this.waitingLine.start(m.position, m.eta ?? null);
      }
    });
    on(MessageType.EXPIRED, () => {
      this.waitingLine.stop();
      source.setTimeLimit(null);
      source.setStatus('Time limit reached - back in the queue');
    });
    on(MessageType.ERROR, (m) => showError(this.mediaOutputs, m.error?.message ?? String(m)));
    on(MessageType.OUTPUTS, (m) => {
      server.outputs = m.values;
      this.valueOutputs.forEach((el, i) => {
        if (i < m.values.length) {
          /** @type {any} */ (el).value = m.values[i];
        }
      });
    });
  }

  /** The session ended (or the user stopped it): no countdown, no time limit. */
  ended() {
    this.waitingLine.stop();
    this.source.setTimeLimit(null);
  }
}

/**
 * The status line while waiting in line: "In queue: position 2, about 27 s", the seconds counted down locally every
 * second from the last queue message (the server sends one only when the position changes).
 */
class WaitingLine {
  /** @param {(text: string) => void} show */
  constructor(show) {
    this.show = show;
    /** @type {number|undefined} */
    this.timer = undefined;
  }

  /** Shows the position and counts `eta` seconds down from now. @param {number} position @param {number|null} eta */
  start(position, eta) {
    this.stop();
    const since = performance.now();
    const render = () => {
      if (eta == null) {
        this.show(`In queue: position ${position}`);
        return;
      }
      const left = Math.ceil(eta - (performance.now() - since) / 1000);
      this.show(`In queue: position ${position}, ` + (left > 0 ? `about ${left} s` : 'any moment now'));
    };
    render();
    if (eta != null) {
      this.timer = window.setInterval(render, 1000);
    }
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
