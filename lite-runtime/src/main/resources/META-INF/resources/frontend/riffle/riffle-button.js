// @ts-check
/**
 * <riffle-button>: Gradio's Button as the trigger of a server-to-client stream (FastRTC's `trigger=button.click`).
 * Pressed, it starts the stream ('stream-started'); pressed again while the stream runs, it stops it
 * ('stream-stopped'). Like the webcam and microphone it shows the stream's status line (queue position), the orange
 * time-limit bar and errors. Attributes: value (the button's text), label.
 */
import { StreamSource, label, messageBox, statusLine, timeLimitBar } from './media-view.js';
import { SourceEvent } from './stream-events.js';

export class RiffleButton extends StreamSource {
  constructor() {
    super();
    this.running = false;
    /** a trigger has no media of its own */
    this.stream = null;
    this.seq = 0;
  }

  connectedCallback() {
    if (this.button) {
      return; // connectedCallback may run twice on first render
    }
    this.classList.add('riffle-block');
    this.message = messageBox();
    this.status = statusLine();
    this.timeBar = timeLimitBar();
    /** @type {HTMLButtonElement} */
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'riffle-button';
    this.button.textContent = this.text;
    this.button.addEventListener('click', () => (this.running ? this.stop() : this.start()));
    const parts = [this.timeBar, this.status, this.message, this.button];
    if (this.getAttribute('label')) {
      parts.unshift(label(/** @type {string} */ (this.getAttribute('label'))));
    }
    this.append(...parts);
  }

  get text() {
    return this.getAttribute('value') || 'Start';
  }

  start() {
    this.running = true;
    this.error(null);
    /** @type {HTMLButtonElement} */ (this.button).textContent = 'Stop';
    this.dispatchEvent(new CustomEvent(SourceEvent.STARTED));
  }

  stop() {
    if (!this.running) {
      return;
    }
    this.running = false;
    /** @type {HTMLButtonElement} */ (this.button).textContent = this.text;
    this.setStatus(null);
    this.setTimeLimit(null);
    this.dispatchEvent(new CustomEvent(SourceEvent.STOPPED));
  }

  /** The server ended the stream (the generator is done): back to the start state, keeping the status text. */
  ended() {
    this.running = false;
    /** @type {HTMLButtonElement} */ (this.button).textContent = this.text;
    this.setTimeLimit(null);
  }
}

if (!customElements.get('riffle-button')) {
  customElements.define('riffle-button', RiffleButton);
}
