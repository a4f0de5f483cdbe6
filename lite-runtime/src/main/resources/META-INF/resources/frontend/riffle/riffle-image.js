// @ts-check
/**
 * <riffle-image>: a streaming image output. Call show(imageData) per frame; the last frame stays visible.
 * Attributes: label.
 */
export class RiffleImage extends HTMLElement {
  connectedCallback() {
    if (this.canvas) {
      return; // connectedCallback may run twice on first render
    }
    this.classList.add('riffle-block');
    const label = document.createElement('span');
    label.className = 'riffle-label';
    label.textContent = this.getAttribute('label') || 'Output';
    /** @type {HTMLCanvasElement} */
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'riffle-canvas';
    this.canvas.width = 640;
    this.canvas.height = 480;
    this.message = document.createElement('div');
    this.message.className = 'riffle-message';
    this.message.hidden = true;
    this.append(label, this.canvas, this.message);
  }

  /** @param {ImageData} image */
  show(image) {
    this.connectedCallback();
    const canvas = /** @type {HTMLCanvasElement} */ (this.canvas);
    if (canvas.width !== image.width || canvas.height !== image.height) {
      canvas.width = image.width;
      canvas.height = image.height;
    }
    /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).putImageData(image, 0, 0);
    this.error(null);
  }

  /** @param {string|null} text an error to show under the image, or null to clear it */
  error(text) {
    const message = /** @type {HTMLDivElement} */ (this.message);
    message.hidden = !text;
    message.textContent = text || '';
  }
}

if (!customElements.get('riffle-image')) {
  customElements.define('riffle-image', RiffleImage);
}
