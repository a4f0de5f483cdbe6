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
    /**
     * What a handler can tell its connection besides audio, installed by the runtime before {@link #startUp()}.
     * Methods may be called from any thread.
     */
    public interface Channel {
        /** Sends a control message {@code {"type": type, "data": data}} (FastRTC's {@code send_message}). */
        void send(String type, Object data);

        /** Sends additional outputs (a transcript, a chat) to the components listening for them. */
        void outputs(AdditionalOutputs outputs);

        /** Drops the audio emitted but not yet played (FastRTC's {@code clear_queue}, used on interruption). */
        void clearQueue();
    }

    private static final Channel DETACHED = new Channel() {
        @Override
        public void send(String type, Object data) {
        }

        @Override
        public void outputs(AdditionalOutputs outputs) {
        }

        @Override
        public void clearQueue() {
        }
    };

    private volatile Inputs latestArgs = Inputs.none();
    private volatile Channel channel = DETACHED;

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

    /** Connects the handler to its connection; called by the runtime. */
    public final void attach(Channel channel) {
        this.channel = channel == null ? DETACHED : channel;
    }

    /** Sends a control message to the client, e.g. {@code sendMessage("log", "pause_detected")}. */
    protected final void sendMessage(String type, Object data) {
        channel.send(type, data);
    }

    /** Sends additional outputs (FastRTC's {@code AdditionalOutputs} yielded from a handler). */
    protected final void sendOutputs(AdditionalOutputs outputs) {
        channel.outputs(outputs);
    }

    /** Drops emitted audio that has not been played yet. */
    protected final void clearQueue() {
        channel.clearQueue();
    }

    /** Called by the runtime when the additional inputs change; handlers read them with {@link #latestArgs()}. */
    public final void setArgs(Inputs args) {
        this.latestArgs = args == null ? Inputs.none() : args;
    }
}
