// @ts-check
/**
 * The media side of a server stream: what goes up from the source and what comes back to the outputs, over either
 * transport. Over the WebSocket the page grabs the camera's frames (or takes the microphone's chunks) and sends them,
 * and draws (or plays) what comes back; over WebRTC the tracks carry both ways, and the page grabs no frames - except
 * for riffle.debug.capture, which pairs each output frame with the latest camera frame.
 */
import { RecentSamples, countReceivedAudio, measureAudio, measureSentAudio } from './audio-figures.js';
import { countProcessed, keepLast, riffle } from './debug-stats.js';
import { ServerStream } from './server-stream.js';
import { StreamState, TransportEvent } from './stream-events.js';
import { RtcStream } from './webrtc-stream.js';

/** @typedef {{input: Uint8Array, inputs: any[]}} SentFrame a camera frame's pixels and the extra inputs with it */

export class ServerMedia {
  /**
   * @param {string} handler the stream's handler, for debug captures
   * @param {import('./riffle-webcam.js').RiffleWebcam} source
   * @param {HTMLElement[]} outputs the media outputs (the source itself in unified mode)
   * @param {() => any[]} values the extra inputs' current values
   */
  constructor(handler, source, outputs, values) {
    this.handler = handler;
    this.source = source;
    this.outputs = outputs;
    this.values = values;
    /** @type {Map<number, SentFrame>} frames sent over the WebSocket, while debug.capture is on */
    this.sent = new Map();
    /** @type {SentFrame|null} the latest camera frame, for debug captures of WebRTC output */
    this.lastInput = null;
    this.inputWindow = new RecentSamples(0.2);
    this.outputWindow = new RecentSamples(0.2);
  }

  /**
   * Feeds the source's frames or audio chunks to the current session: sent over the WebSocket; over WebRTC the track
   * carries them, and frames are grabbed only while debug.capture is on.
   * @param {() => (ServerStream|RtcStream|null)} current
   * @param {boolean} audio whether the source is a microphone
   */
  feed(current, audio) {
    const source = /** @type {any} */ (this.source);
    if (audio) {
      source.onchunk = (/** @type {Int16Array} */ samples, /** @type {number} */ rate, /** @type {number} */ seq) => {
        measureSentAudio(samples, rate, this.inputWindow);
        const session = current();
        if (session instanceof ServerStream && session.sendAudio(samples, rate, seq)) {
          riffle.audio.sent++;
        }
      };
      return;
    }
    this.source.wantsFrames = () => {
      const session = current();
      return session instanceof RtcStream ? riffle.debug.capture : session?.state === StreamState.STREAMING;
    };
    this.source.onframe = (frame, seq) => {
      const session = current();
      if (session instanceof RtcStream) {
        // the camera track carries the frames; the grab was for debug captures
        if (riffle.debug.capture) {
          this.lastInput = { input: new Uint8Array(frame.data), inputs: this.values() };
        }
        return;
      }
      if (!session || session.state !== StreamState.STREAMING) {
        return;
      }
      if (riffle.debug.capture) {
        this.sent.set(seq, { input: new Uint8Array(frame.data), inputs: this.values() });
        if (this.sent.size > 8) {
          this.sent.delete(/** @type {number} */ (this.sent.keys().next().value));
        }
      }
      session.send(frame, seq);
    };
  }

  /** Draws or plays what the handler sends back over the WebSocket. @param {ServerStream} s */
  receiveOverWebSocket(s) {
    s.addEventListener(TransportEvent.AUDIO, (e) => {
      const { samples, sampleRate, channels } = /** @type {CustomEvent} */ (e).detail;
      for (const el of this.outputs) {
        /** @type {any} */ (el).play(samples, sampleRate, channels);
      }
      countReceivedAudio(samples, sampleRate, channels, this.outputWindow);
    });
    s.addEventListener(TransportEvent.FRAME, (e) => {
      const { seq, image, roundTripMs } = /** @type {CustomEvent} */ (e).detail;
      for (const el of this.outputs) {
        /** @type {any} */ (el).show(image);
      }
      countProcessed(seq);
      if (Number.isFinite(roundTripMs)) {
        keepLast(riffle.server.roundTrips, roundTripMs, 1000);
      }
      const frame = this.sent.get(seq);
      if (riffle.debug.capture && frame) {
        // inputs as they were when the frame was sent: the server has them before the frame (one ordered channel)
        riffle.debug.last = { seq, inputs: frame.inputs, handler: this.handler, width: image.width,
          height: image.height, input: frame.input, output: new Uint8Array(image.data) };
      }
    });
  }

  /** Shows or plays the tracks the handler sends back over WebRTC. @param {RtcStream} s */
  receiveOverWebRtc(s) {
    s.addEventListener(TransportEvent.TRACK, (e) => {
      const { stream: remote, track } = /** @type {CustomEvent} */ (e).detail;
      if (track.kind === 'video') {
        for (const el of this.outputs) {
          /** @type {any} */ (el).showStream?.(remote);
        }
        const shown = this.outputs.map((el) => /** @type {any} */ (el)?.remote).find((v) => v);
        if (shown) {
          this.watchFrames(shown);
        }
      } else if (track.kind === 'audio') {
        for (const el of this.outputs) {
          /** @type {any} */ (el).playStream?.(remote);
        }
        measureAudio(remote, this.outputWindow);
      }
    });
  }

  /** The WebRTC outputs keep their last frame when the stream ends (the WebSocket's canvases do by themselves). */
  freeze() {
    this.outputs.forEach((el) => /** @type {any} */ (el).freeze?.());
  }

  /**
   * Counts the frames a WebRTC output video shows and, while debug.capture is on, keeps the last one with the latest
   * camera frame.
   * @param {HTMLVideoElement} video
   */
  watchFrames(video) {
    const canvas = document.createElement('canvas');
    let n = 0;
    /** @type {VideoFrameRequestCallback} */
    const onFrame = () => {
      n++;
      countProcessed(n);
      const input = this.lastInput;
      if (riffle.debug.capture && input && video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d', { willReadFrequently: true }));
        ctx.drawImage(video, 0, 0);
        const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
        riffle.debug.last = { seq: n, inputs: input.inputs, handler: this.handler, width: image.width,
          height: image.height, input: input.input, output: new Uint8Array(image.data) };
      }
      if (video.srcObject) {
        video.requestVideoFrameCallback(onFrame);
      }
    };
    video.requestVideoFrameCallback(onFrame);
  }
}
