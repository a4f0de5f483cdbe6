// @ts-check
/** Parts shared by the image and webcam elements: label, message box, frame drawing. */

/** A component label. @param {string} text */
export function label(text) {
  const span = document.createElement('span');
  span.className = 'riffle-label';
  span.textContent = text;
  return span;
}

/** A hidden message box that screen readers announce when it shows. */
export function messageBox() {
  const div = document.createElement('div');
  div.className = 'riffle-message';
  div.setAttribute('role', 'alert');
  div.hidden = true;
  return div;
}

/** Shows `text` in a message box, or hides it for null. @param {HTMLElement} box @param {string|null} text */
export function setMessage(box, text) {
  box.hidden = !text;
  box.textContent = text || '';
}

/** Draws a frame, resizing the canvas to it. @param {HTMLCanvasElement} canvas @param {ImageData} image */
export function drawFrame(canvas, image) {
  if (canvas.width !== image.width || canvas.height !== image.height) {
    canvas.width = image.width;
    canvas.height = image.height;
  }
  /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).putImageData(image, 0, 0);
}
