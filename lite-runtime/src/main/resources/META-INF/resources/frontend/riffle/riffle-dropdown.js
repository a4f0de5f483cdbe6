// @ts-check
/**
 * <riffle-dropdown>: a labelled choice, Gradio's Dropdown. Attributes: label, choices (comma-separated), value.
 * Fires 'value-changed' (detail.value); read .value at any time.
 */
export class RiffleDropdown extends HTMLElement {
  connectedCallback() {
    if (this.select) {
      return;
    }
    this.classList.add('riffle-block');
    const label = document.createElement('label');
    label.className = 'riffle-label';
    label.textContent = this.getAttribute('label') || '';
    /** @type {HTMLSelectElement} */
    this.select = document.createElement('select');
    for (const choice of (this.getAttribute('choices') || '').split(',').filter(Boolean)) {
      const option = document.createElement('option');
      option.value = option.textContent = choice;
      this.select.append(option);
    }
    const initial = this.getAttribute('value');
    if (initial !== null) {
      this.select.value = initial;
    }
    this.select.addEventListener('change', () => {
      this.dispatchEvent(new CustomEvent('value-changed', { detail: { value: this.value }, bubbles: true }));
    });
    label.append(this.select);
    this.append(label);
  }

  get value() {
    return this.select ? this.select.value : this.getAttribute('value');
  }

  set value(v) {
    this.setAttribute('value', String(v));
    if (this.select) {
      this.select.value = String(v);
    }
  }
}

if (!customElements.get('riffle-dropdown')) {
  customElements.define('riffle-dropdown', RiffleDropdown);
}
