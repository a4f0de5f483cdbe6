// @ts-check
/**
 * Loads the Lite runtime (Java handlers compiled to WebAssembly GC by TeaVM) and runs frames through it.
 * Frames live in WebAssembly linear memory: the camera's pixels are written into the input view, the handler reads
 * and writes linear memory, and the output view is drawn - no copy into Java arrays.
 */

/**
 * The Lite runtime of a page: the Java handlers of its Wasm bundle, run on RGBA pixels.
 *
 * - `process(handler, frame, inputs)` returns a new ImageData the caller owns: the next call, and memory growing,
 *   leave it alone.
 * - `processInto(handler, frame, inputs, target)` writes into `target` (an ImageData of the frame's size) and returns
 *   it: no allocation per frame.
 * - `processView(handler, frame, inputs)` returns a view on the runtime's memory, valid only until the next call on
 *   this runtime (the next frame overwrites it; memory growth empties it): draw it or copy it at once. The page
 *   renderer uses it.
 *
 * `inputs` are the stream's additional inputs (numbers, strings or null), in the order the stream lists them. A
 * handler's exception, an unknown handler or a frame too large for the page's memory throws an Error saying so.
 *
 * @typedef {{
 *   process(handler: string, frame: ImageData, inputs?: Array<string|number|null>): ImageData,
 *   processInto(handler: string, frame: ImageData, inputs: Array<string|number|null>, target: ImageData): ImageData,
 *   processView(handler: string, frame: ImageData, inputs?: Array<string|number|null>): ImageData,
 *   handlerIds: string[]}} LiteRuntime
 */

const here = new URL('.', import.meta.url);

/** @type {Promise<LiteRuntime> | null} */
let loading = null;

/**
 * Loads the runtime once per page.
 * @param {URL} [base] folder holding wasm/ (the TeaVM loader; the bundle too unless `bundle` names it); defaults to
 *   this module's folder
 * @param {string} [bundle] where the app's own Wasm bundle is served (a Riffle server's `<app>/bundle.wasm`);
 *   defaults to `wasm/riffle-lite.wasm` under `base`
 * @returns {Promise<LiteRuntime>}
 */
export function loadLite(base = here, bundle = undefined) {
  if (!loading) {
    loading = load(base, bundle ? new URL(bundle, location.href) : new URL('wasm/riffle-lite.wasm', base));
  }
  return loading;
}

/** @param {URL} base @param {URL} bundle */
async function load(base, bundle) {
  if (!('WebAssembly' in globalThis)) {
    throw new Error('This browser has no WebAssembly, so the Lite handlers cannot run here.');
  }
  // the TeaVM loader is a classic script that defines globalThis.TeaVM
  await import(new URL('wasm/classes.wasm-runtime.js', base).href);
  // @ts-ignore - defined by the script above
  const teavm = await globalThis.TeaVM.wasmGC.load(bundle.href);
  const x = teavm.exports;
  const handlerIds = String(x.handlerIds()).split(',');
  /** @type {Uint8Array | null} */
  let inView = null;
  /** @type {Uint8Array | null} */
  let outView = null;
  let width = 0;
  let height = 0;

  /** Runs `handler` on `frame`; returns the output view on linear memory (valid until the next call). */
  function run(/** @type {string} */ handler, /** @type {ImageData} */ frame,
    /** @type {Array<string|number|null>} */ inputs) {
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
    return /** @type {Uint8Array} */ (outView);
  }

  return {
    handlerIds,
    process(handler, frame, inputs = []) {
      return new ImageData(new Uint8ClampedArray(run(handler, frame, inputs)), width, height);
    },
    processInto(handler, frame, inputs, target) {
      if (target.width !== frame.width || target.height !== frame.height) {
        throw new Error(`The target is ${target.width}x${target.height}, the frame ${frame.width}x${frame.height}`);
      }
      target.data.set(run(handler, frame, inputs));
      return target;
    },
    processView(handler, frame, inputs = []) {
      const out = run(handler, frame, inputs);
      return new ImageData(new Uint8ClampedArray(out.buffer, out.byteOffset, out.byteLength), width, height);
    },
  };
}
