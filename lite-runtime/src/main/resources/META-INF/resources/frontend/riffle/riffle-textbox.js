// @ts-check
/**
 * <riffle-textbox>: text, Gradio's Textbox - here an output the handler's additional outputs fill (a transcript,
 * words read in a frame). Attributes: label, value, lines. Set .value to show new text.
 */
export class RiffleTextbox extends HTMLElement {
  connectedCallback() {
    if (this.field) {
      return;
    }
    this.classList.add('riffle-block');
    const label = document.createElement('label');
    label.className = 'riffle-label';
    label.textContent = this.getAttribute('label') || '';
    /** @type {HTMLTextAreaElement} */
    this.field = document.createElement('textarea');
    this.field.className = 'riffle-textbox';
    this.field.readOnly = true;
    this.field.rows = Number(this.getAttribute('lines') || '1');
    this.field.value = this.getAttribute('value') ?? '';
    label.append(this.field);
    this.append(label);
  }

  get value() {
    return this.field ? this.field.value : (this.getAttribute('value') ?? '');
  }

  set value(v) {
    const text = v === null || v === undefined ? '' : String(v);
    this.setAttribute('value', text);
    if (this.field) {
      this.field.value = text;
    }
  }
}

if (!customElements.get('riffle-textbox')) {
  customElements.define('riffle-textbox', RiffleTextbox);
}
