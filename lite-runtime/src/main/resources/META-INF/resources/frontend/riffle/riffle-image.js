// @ts-check
/**
 * <riffle-image>: a streaming image output. Call show(imageData) per frame; the last frame stays visible.
 * Attributes: label.
 */
import { drawFrame, label, messageBox, setMessage } from './media-view.js';

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
    this.message = messageBox();
    this.append(label(this.getAttribute('label') || 'Output'), this.canvas, this.message);
  }

  /** @param {ImageData} image */
  show(image) {
    this.connectedCallback();
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
