// @ts-check
/**
 * <riffle-number>: a number, Gradio's Number - here an output the handler's additional outputs fill (e.g. a count).
 * Attributes: label, value. Set .value to show a new one.
 */
export class RiffleNumber extends HTMLElement {
  connectedCallback() {
    if (this.field) {
      return;
    }
    this.classList.add('riffle-block');
    const label = document.createElement('label');
    label.className = 'riffle-label';
    label.textContent = this.getAttribute('label') || '';
    /** @type {HTMLOutputElement} */
    this.field = document.createElement('output');
    this.field.className = 'riffle-number';
    this.field.textContent = this.getAttribute('value') ?? '';
    label.append(this.field);
    this.append(label);
  }

  get value() {
    const text = this.field ? this.field.textContent : this.getAttribute('value');
    return text === null || text === '' ? null : Number(text);
  }

  set value(v) {
    this.setAttribute('value', v === null || v === undefined ? '' : String(v));
    if (this.field) {
      this.field.textContent = v === null || v === undefined ? '' : String(v);
    }
  }
}

if (!customElements.get('riffle-number')) {
  customElements.define('riffle-number', RiffleNumber);
}
