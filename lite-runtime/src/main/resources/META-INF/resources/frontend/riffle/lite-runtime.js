// @ts-check
/**
 * Loads the Lite runtime (Java handlers compiled to WebAssembly GC by TeaVM) and runs frames through it.
 * Frames live in WebAssembly linear memory: the camera's pixels are written into the input view, the handler reads
 * and writes linear memory, and the output view is drawn - no copy into Java arrays.
 */

/**
 * @typedef {{process(handler: string, frame: ImageData, inputs: Array<string|number|null>): ImageData,
 *   handlerIds: string[]}} LiteRuntime
 */

const here = new URL('.', import.meta.url);

/** @type {Promise<LiteRuntime> | null} */
let loading = null;

/**
 * Loads the runtime once per page.
 * @param {URL} [base] folder holding wasm/riffle-lite.wasm (defaults to this module's folder)
 * @returns {Promise<LiteRuntime>}
 */
export function loadLite(base = here) {
  if (!loading) {
    loading = load(base);
  }
  return loading;
}

/** @param {URL} base */
async function load(base) {
  if (!('WebAssembly' in globalThis)) {
    throw new Error('This browser has no WebAssembly, so the Lite handlers cannot run here.');
  }
  // the TeaVM loader is a classic script that defines globalThis.TeaVM
  await import(new URL('wasm/classes.wasm-runtime.js', base).href);
  // @ts-ignore - defined by the script above
  const teavm = await globalThis.TeaVM.wasmGC.load(new URL('wasm/riffle-lite.wasm', base).href);
  const x = teavm.exports;
  const handlerIds = String(x.handlerIds()).split(',');
  /** @type {Uint8Array | null} */
  let inView = null;
  /** @type {Uint8Array | null} */
  let outView = null;
  let width = 0;
  let height = 0;

  return {
    handlerIds,
    process(handler, frame, inputs) {
      if (frame.width !== width || frame.height !== height) {
        const error = x.resize(frame.width, frame.height);
        if (error) {
          throw new Error(String(error));
        }
        width = frame.width;
        height = frame.height;
        inView = outView = null;
      }
      // views go stale (byteLength 0) when linear memory grows
      if (!inView || inView.byteLength === 0) {
        inView = x.inputPixels();
      }
      /** @type {Uint8Array} */ (inView).set(frame.data);
      x.clearInputs();
      inputs.forEach((value, i) => x.setInput(i, value == null ? null : String(value)));
      const error = x.process(handler);
      if (error) {
        throw new Error(String(error));
      }
      if (!outView || outView.byteLength === 0) {
        outView = x.outputPixels();
      }
      const out = /** @type {Uint8Array} */ (outView);
      return new ImageData(new Uint8ClampedArray(out.buffer, out.byteOffset, out.byteLength), width, height);
    },
  };
}
