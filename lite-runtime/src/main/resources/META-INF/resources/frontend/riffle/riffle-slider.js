// @ts-check
/**
 * <riffle-slider>: a number on a scale, Gradio's Slider. Attributes: label, minimum, maximum, step, value.
 * Fires 'value-changed' (detail.value, a number) when the user lets go; read .value at any time.
 */
export class RiffleSlider extends HTMLElement {
  connectedCallback() {
    if (this.input) {
      return;
    }
    this.classList.add('riffle-block');
    const label = document.createElement('label');
    label.className = 'riffle-label';
    const caption = document.createElement('span');
    caption.textContent = this.getAttribute('label') || '';
    /** @type {HTMLOutputElement} */
    this.shown = document.createElement('output');
    /** @type {HTMLInputElement} */
    this.input = document.createElement('input');
    this.input.type = 'range';
    this.input.min = this.getAttribute('minimum') ?? '0';
    this.input.max = this.getAttribute('maximum') ?? '100';
    this.input.step = this.getAttribute('step') ?? '1';
    this.input.value = this.getAttribute('value') ?? this.input.min;
    this.shown.textContent = this.input.value;
    this.input.addEventListener('input', () => {
      /** @type {HTMLOutputElement} */ (this.shown).textContent = this.input?.value ?? '';
    });
    this.input.addEventListener('change', () => {
      this.dispatchEvent(new CustomEvent('value-changed', { detail: { value: this.value }, bubbles: true }));
    });
    caption.append(' ', this.shown);
    label.append(caption, this.input);
    this.append(label);
  }

  /** @returns {number} */
  get value() {
    return Number(this.input ? this.input.value : this.getAttribute('value'));
  }

  set value(v) {
    this.setAttribute('value', String(v));
    if (this.input && this.shown) {
      this.input.value = String(v);
      this.shown.textContent = this.input.value;
    }
  }
}

if (!customElements.get('riffle-slider')) {
  customElements.define('riffle-slider', RiffleSlider);
}
