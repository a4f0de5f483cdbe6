package dev.riffle.blocks;

/** Where a stream's handler runs. */
public enum Placement {
    /** In the browser, compiled to WebAssembly: no server, no upload. */
    LITE,
    /** On the server, behind the queue. */
    SERVER,
    /** Lite when the handler has a Wasm build and the browser runs Wasm GC, else the server. */
    AUTO
}
