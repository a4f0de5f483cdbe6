package dev.riffle.handler;

import dev.riffle.media.AudioChunk;

/**
 * A stateful audio stream handler, FastRTC's {@code StreamHandler}: the runtime calls {@link #receive} with every
 * chunk that arrives, and {@link #emit} whenever it can send one back ({@code null} = nothing to send yet).
 * Each connection gets its own instance from {@link #copy()}, so instance fields are per-connection state.
 *
 * <pre>{@code
 * class Echo extends StreamHandler {
 *     private final java.util.ArrayDeque<AudioChunk> queue = new java.util.ArrayDeque<>();
 *     public void receive(AudioChunk chunk) { queue.add(chunk); }
 *     public AudioChunk emit() { return queue.poll(); }
 *     public StreamHandler copy() { return new Echo(); }
 * }
 * }</pre>
 */
public abstract class StreamHandler {
    private volatile Inputs latestArgs = Inputs.none();

    /** Takes one incoming chunk, in arrival order; chunks are never dropped. */
    public abstract void receive(AudioChunk chunk);

    /** The next chunk to send, or {@code null} when there is none yet. */
    public abstract AudioChunk emit();

    /** A fresh instance for a new connection (no shared mutable state). */
    public abstract StreamHandler copy();

    /** Called once when a connection starts, before the first {@link #receive}. Does nothing by default. */
    public void startUp() {
    }

    /** Called once when a connection ends, on every path. Does nothing by default. */
    public void shutdown() {
    }

    /**
     * The stream's additional input values as they are now (FastRTC's {@code latest_args}); they change mid-stream
     * when the user moves a slider or the server's {@code set_input} runs. Empty until the stream starts.
     */
    public final Inputs latestArgs() {
        return latestArgs;
    }

    /** Called by the runtime when the additional inputs change; handlers read them with {@link #latestArgs()}. */
    public final void setArgs(Inputs args) {
        this.latestArgs = args == null ? Inputs.none() : args;
    }
}
