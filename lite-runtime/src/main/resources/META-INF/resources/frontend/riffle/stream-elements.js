// @ts-check
/**
 * The elements a stream event connects - its source (the trigger), extra inputs and outputs - and its extra inputs'
 * current values, for both the Lite runner and a server stream.
 */
import { riffle } from './debug-stats.js';

/**
 * @typedef {{type: string, id?: string, label?: string, classes?: string[], children?: Node[],
 *   choices?: string[], value?: string, sources?: string[], streaming?: boolean}} Node
 * @typedef {{trigger: string, handler: string, modality?: 'video'|'audio'|'audio_video',
 *   mode?: 'send_receive'|'send'|'receive', inputs: string[], outputs: string[],
 *   streamEvery: number, timeLimit: number|null, concurrencyLimit: number|null, server?: string,
 *   fallback?: string}} StreamSpec `server`: the handler runs there; `fallback`: it runs in the browser, or there
 *   when this browser cannot load the Lite bundle
 * @typedef {{values?: () => any[], onValues?: (changed: () => void) => void, base?: URL}} Host a host page's part
 *   (vaadin-ui): the extra inputs' values when they live outside the page, a way to hear of their changes, and where
 *   the Lite bundle is served
 */

/**
 * The elements a stream event connects, and its extra inputs' current values. Every change of an extra input is
 * logged in riffle.debug.inputChanges (with the frame it followed) and passed to `onChange`.
 * @param {StreamSpec} stream
 * @param {Map<string, HTMLElement>} byId
 * @param {() => void} [onChange]
 * @param {Host} [host]
 */
export function connectElements(stream, byId, onChange, host = {}) {
  const source = /** @type {import('./riffle-webcam.js').RiffleWebcam} */ (byId.get(stream.trigger));
  const extra = stream.inputs.filter((id) => id !== stream.trigger).map((id) => byId.get(id));
  const outputs = stream.outputs.map((id) => byId.get(id));
  const values = host.values ?? (() => extra.map((el) => /** @type {any} */ (el)?.value ?? null));
  host.onValues?.(() => {
    riffle.debug.inputChanges.push({ id: stream.trigger, value: values(), afterSeq: source.seq });
    onChange?.();
  });
  for (const el of extra) {
    el?.addEventListener('value-changed', (e) => {
      riffle.debug.inputChanges.push({ id: el.id, value: /** @type {CustomEvent} */ (e).detail.value,
        afterSeq: source.seq });
      onChange?.();
    });
  }
  return { source, extra, outputs, values };
}
