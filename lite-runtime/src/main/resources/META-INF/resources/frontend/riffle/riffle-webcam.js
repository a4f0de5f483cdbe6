// @ts-check
/**
 * <riffle-webcam>: a webcam input that streams, Gradio's Image(sources=["webcam"]) with a stream event.
 *
 * It opens the camera (getUserMedia) on Start, grabs a frame every `stream-every` seconds and passes it to
 * `onframe(frame, seq)`; frames are never queued: if the handler is still busy, the next grab waits for it
 * (latest frame wins). A consumer that needs no frames for now (a WebRTC track carries the camera) says so with
 * `wantsFrames`: no frame is grabbed until it wants them again. With the `unified` attribute the element shows the
 * handler's output instead of the raw camera, as the seed's unified demo does (call show(imageData)).
 *
 * Attributes: label, stream-every (seconds; the page and Vaadin set it from the stream's options - without it, the
 * camera's rate), unified, autostart, audio (the microphone too, for a
 * camera-and-microphone stream over WebRTC). With more than one camera, a chooser shows after the first start.
 * Events: 'stream-started', 'stream-stopped', 'stream-error' (detail.message).
 */
import { RAW_MICROPHONE, StreamSource, deviceChooser, deviceMessage, drawFrame, freezeRemote, label, listDevices,
  messageBox, remoteVideo, showRemote, startButton, statusLine, timeLimitBar } from './media-view.js';
import { SourceEvent } from './stream-events.js';

export class RiffleWebcam extends StreamSource {
  constructor() {
    super();
    /** @type {((frame: ImageData, seq: number) => void) | null} */
    this.onframe = null;
    /** @type {(() => boolean) | null} whether onframe wants a frame now (null: always) */
    this.wantsFrames = null;
    /** @type {MediaStream | null} */
    this.stream = null;
    this.seq = 0;
    this.running = false;
    /** @type {number | undefined} */
    this.timer = undefined;
    /** timings of the last start, ms since navigation */
    this.timing = { cameraRequested: 0, cameraReady: 0 };
    /** the camera chosen in the chooser, '' for the browser's default */
    this.deviceId = '';
  }

  connectedCallback() {
    if (this.video) {
      return; // connectedCallback may run twice on first render
    }
    this.classList.add('riffle-block');
    /** @type {HTMLVideoElement} */
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.className = 'riffle-video';
    /** output shown in unified mode */
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'riffle-canvas';
    this.canvas.hidden = true;
    /** output shown in unified mode when it arrives as a WebRTC track */
    this.remote = remoteVideo();
    /** frame grabber */
    this.grab = document.createElement('canvas');
    this.message = messageBox();
    /** queue position / streaming state of a server stream */
    this.status = statusLine();
    this.timeBar = timeLimitBar();
    this.button = startButton(() => (this.running ? this.stop() : this.start()));
    /** which camera, when there are several */
    this.devices = deviceChooser('videoinput', (id) => {
      this.deviceId = id;
      if (this.running) {
        this.stop();
        this.start();
      }
    });
    // the time-limit bar runs along the bottom of the picture, as on Gradio
    this.append(label(this.getAttribute('label') || 'Webcam'), this.devices, this.video, this.canvas, this.remote,
      this.timeBar, this.status, this.message, this.button);
    if (this.hasAttribute('autostart')) {
      this.start();
    }
  }

  disconnectedCallback() {
    this.stop();
  }

  /** Seconds between grabs: the stream's (StreamOptions writes it); without one, each frame of a 30 fps camera. */
  get streamEvery() {
    const value = Number(this.getAttribute('stream-every'));
    return this.hasAttribute('stream-every') && Number.isFinite(value) && value >= 0 ? value : 1 / 30;
  }

  get unified() {
    return this.hasAttribute('unified');
  }

  /** Opens the camera and starts streaming frames to onframe. */
  async start() {
    if (this.running) {
      return;
    }
    this.running = true;
    this.error(null);
    const button = /** @type {HTMLButtonElement} */ (this.button);
    button.textContent = 'Stop';
    try {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        throw Object.assign(new Error('insecure'), { name: 'SecurityError' });
      }
      this.timing.cameraRequested = performance.now();
      // with `audio` the microphone goes along (a camera-and-microphone stream), unprocessed as <riffle-microphone>
      // sends it; the preview stays muted
      const stream = await navigator.mediaDevices.getUserMedia({
        video: this.deviceId ? { deviceId: { exact: this.deviceId } } : true,
        audio: this.hasAttribute('audio') && RAW_MICROPHONE });
      if (!this.running) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      this.stream = stream;
      const video = /** @type {HTMLVideoElement} */ (this.video);
      video.srcObject = stream;
      await video.play();
      await firstVideoFrame(video);
      this.timing.cameraReady = performance.now();
      listDevices(this.devices, 'videoinput', stream).catch(() => {});
    } catch (e) {
      this.stop();
      this.error(deviceMessage(/** @type {Error} */ (e), 'camera'));
      this.dispatchEvent(new CustomEvent(SourceEvent.ERROR, { detail: { message: this.message?.textContent } }));
      return;
    }
    if (this.unified) {
      /** @type {HTMLCanvasElement} */ (this.canvas).hidden = false;
      /** @type {HTMLVideoElement} */ (this.video).hidden = true;
    }
    this.dispatchEvent(new CustomEvent(SourceEvent.STARTED));
    this.tick();
  }

  /** Stops streaming and releases the camera. */
  stop() {
    const wasRunning = this.running;
    this.running = false;
    clearTimeout(this.timer);
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    // unified: the handler's last frame stays in view (as on Gradio), not a black box
    freezeRemote(this.remote, this.canvas);
    showRemote(this.remote, null, []);
    if (this.video) {
      this.video.srcObject = null;
      this.video.hidden = this.unified && !this.canvas?.hidden;
    }
    if (this.button) {
      this.button.textContent = 'Start';
    }
    this.setStatus(null);
    this.setTimeLimit(null);
    if (wasRunning) {
      this.dispatchEvent(new CustomEvent(SourceEvent.STOPPED));
    }
  }

  /** Grabs one frame (when wanted), hands it over, and schedules the next one streamEvery after this one began. */
  tick() {
    if (!this.running) {
      return;
    }
    const began = performance.now();
    const video = /** @type {HTMLVideoElement} */ (this.video);
    const grab = /** @type {HTMLCanvasElement} */ (this.grab);
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (w > 0 && h > 0 && this.onframe && (this.wantsFrames?.() ?? true)) {
      if (grab.width !== w || grab.height !== h) {
        grab.width = w;
        grab.height = h;
      }
      const ctx = /** @type {CanvasRenderingContext2D} */ (grab.getContext('2d', { willReadFrequently: true }));
      ctx.drawImage(video, 0, 0, w, h);
      const frame = ctx.getImageData(0, 0, w, h);
      this.seq++;
      try {
        this.onframe?.(frame, this.seq);
      } catch (e) {
        this.error(String(/** @type {Error} */ (e).message || e));
      }
    }
    const wait = Math.max(0, this.streamEvery * 1000 - (performance.now() - began));
    this.timer = window.setTimeout(() => this.tick(), wait);
  }

  /** Plays the processed frames of a WebRTC track (unified mode). @param {MediaStream} stream */
  showStream(stream) {
    showRemote(this.remote, stream, [this.video, this.canvas]);
  }

  /** Keeps the handler's last frame on show when the stream ends (unified mode, WebRTC). */
  freeze() {
    freezeRemote(this.remote, this.canvas);
  }

  /** Shows a processed frame (unified mode). @param {ImageData} image */
  show(image) {
    drawFrame(/** @type {HTMLCanvasElement} */ (this.canvas), image);
  }

}

/** @param {HTMLVideoElement} video */
function firstVideoFrame(video) {
  if (video.videoWidth > 0 && video.readyState >= 2) {
    return Promise.resolve();
  }
  return new Promise((resolve) => video.addEventListener('loadeddata', () => resolve(undefined), { once: true }));
}

if (!customElements.get('riffle-webcam')) {
  customElements.define('riffle-webcam', RiffleWebcam);
}
