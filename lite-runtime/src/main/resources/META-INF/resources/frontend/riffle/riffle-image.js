// @ts-check
/**
 * <riffle-image>: a streaming image output. Call show(imageData) per frame (the last frame stays visible), or
 * showStream(mediaStream) to play the frames of a WebRTC track.
 * Attributes: label.
 */
import { drawFrame, freezeRemote, label, messageBox, remoteVideo, setMessage, showRemote } from './media-view.js';

export class RiffleImage extends HTMLElement {
  connectedCallback() {
    if (this.canvas) {
      return; // connectedCallback may run twice on first render
    }
    this.classList.add('riffle-block');
    /** @type {HTMLCanvasElement} */
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'riffle-canvas';
    this.canvas.width = 640;
    this.canvas.height = 480;
    /** the handler's answer as a WebRTC track */
    this.remote = remoteVideo();
    this.message = messageBox();
    this.append(label(this.getAttribute('label') || 'Output'), this.canvas, this.remote, this.message);
  }

  /**
   * Shows a stream of processed frames (WebRTC) until show() draws a single frame again.
   * @param {MediaStream} stream
   */
  showStream(stream) {
    this.connectedCallback();
    showRemote(this.remote, stream, [this.canvas]);
    this.error(null);
  }

  /** Keeps the last frame of the WebRTC track on show when the stream ends (as show() does). */
  freeze() {
    freezeRemote(this.remote, this.canvas);
  }

  /** @param {ImageData} image */
  show(image) {
    this.connectedCallback();
    if (this.remote && !this.remote.hidden) {
      showRemote(this.remote, null, []);
      /** @type {HTMLCanvasElement} */ (this.canvas).hidden = false;
    }
    drawFrame(/** @type {HTMLCanvasElement} */ (this.canvas), image);
    this.error(null);
  }

  /** @param {string|null} text an error to show under the image, or null to clear it */
  error(text) {
    setMessage(/** @type {HTMLDivElement} */ (this.message), text);
  }
}

if (!customElements.get('riffle-image')) {
  customElements.define('riffle-image', RiffleImage);
}
