package dev.riffle.server.engine;

import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.CloseStream;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.handler.VideoHandlerWithOutputs;
import dev.riffle.media.VideoFrame;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one session's video frames through its handler: at most one call in flight, on the given executor (never on
 * the transport's thread), and the latest frame wins - a frame that arrives while another still waits replaces it
 * and counts as dropped, so nothing piles up behind a slow handler. Each processed frame is a separate task, so a
 * busy session yields the executor to other sessions between frames.
 *
 * <p>Frames arrive as {@link Incoming} items that are decoded on the executor, just before the handler runs, so a
 * frame that gets replaced is never decoded and the transport thread never decodes. A frame that fails to decode or
 * a handler that throws on one frame is reported and the stream goes on with the next frame; a {@link CloseStream}
 * ends the pipeline cleanly.
 */
public final class VideoPipeline implements AutoCloseable {
    /** A frame as the transport received it: decoded on the handler's executor. */
    public interface Incoming {
        /** The sender's number for this frame, echoed with its output. */
        long seq();

        /**
         * The frame's pixels.
         *
         * @throws IllegalArgumentException if the received bytes are not a valid frame
         */
        VideoFrame decode();
    }

    /** What the pipeline produces. Methods run on the executor; all but {@link #outputFrame} do nothing by default. */
    public interface Listener {
        /**
         * The frame the handler writes into for input {@code in}. The default allocates a new one; a transport
         * that is done with the previous output when the next call starts may hand the same frame back.
         */
        default VideoFrame outputFrame(VideoFrame in) {
            return VideoFrame.allocate(in.width(), in.height());
        }

        /**
         * A processed frame, with the handler's additional outputs ({@code null} for none) and the
         * {@link System#nanoTime()} at which its decoding began.
         */
        default void output(long seq, VideoFrame in, VideoFrame out, AdditionalOutputs extra, long startedNanos) {
        }

        /** Frame {@code seq} could not be decoded, or the handler threw on it; the stream goes on. */
        default void failed(long seq, RuntimeException error) {
        }

        /** The handler ended the stream with {@link CloseStream}. */
        default void closedByHandler(String message) {
        }
    }

    private final VideoHandlerWithOutputs handler;
    private final Executor executor;
    private final Listener listener;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Inputs inputs = Inputs.none();
    /** the stream's counters this session adds to (a pipeline on its own: counts nobody reads) */
    private volatile StreamCounters counters = new StreamCounters();
    private volatile long callStartedNanos;
    private Incoming pending;
    private boolean scheduled;
    private boolean closed;

    /**
     * @param handler this session's own handler instance
     * @param executor where the handler runs
     * @param listener receives outputs and errors
     */
    public VideoPipeline(VideoHandlerWithOutputs handler, Executor executor, Listener listener) {
        this.handler = handler;
        this.executor = executor;
        this.listener = listener;
    }

    /** A pipeline for a handler without additional outputs. */
    public VideoPipeline(VideoHandler handler, Executor executor, Listener listener) {
        this(VideoHandlerWithOutputs.of(handler), executor, listener);
    }

    /** Counts this pipeline's frames and handler calls into {@code counters} (its stream's) from now on. */
    public void countInto(StreamCounters counters) {
        this.counters = counters;
    }

    /** Sets the additional inputs; frames that start after this call see them. */
    public void setInputs(Inputs inputs) {
        this.inputs = inputs == null ? Inputs.none() : inputs;
    }

    /** The additional inputs the next frame will see. */
    public Inputs inputs() {
        return inputs;
    }

    /** Hands a decoded frame over, numbered by arrival (returns at once). */
    public void offer(VideoFrame frame) {
        offer(new Decoded(received.get() + 1, frame));
    }

    private record Decoded(long seq, VideoFrame decode) implements Incoming {
    }

    /** Hands a frame over (returns at once). Ignored after {@link #close()}. */
    public void offer(Incoming frame) {
        received.incrementAndGet();
        counters.framesReceived.increment();
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (pending != null) {
                dropped.incrementAndGet();
                counters.framesDropped.increment();
            }
            pending = frame;
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            executor.execute(this::processOne);
        }
    }

    private void processOne() {
        Incoming frame;
        Inputs current;
        synchronized (this) {
            frame = pending;
            pending = null;
            if (frame == null || closed) {
                scheduled = false;
                return;
            }
            current = inputs;
        }
        long started = System.nanoTime();
        callStartedNanos = started;
        try {
            if (isClosed()) {
                return; // the session ended while the frame waited: not decoded, not processed
            }
            VideoFrame in = frame.decode();
            VideoFrame out = listener.outputFrame(in);
            AdditionalOutputs extra = handler.handle(in, out, current);
            processed.incrementAndGet();
            counters.framesProcessed.increment();
            counters.handlerTime.record(System.nanoTime() - started);
            callStartedNanos = 0;
            listener.output(frame.seq(), in, out, extra, started);
        } catch (CloseStream end) {
            callStartedNanos = 0;
            close();
            listener.closedByHandler(end.getMessage());
        } catch (RuntimeException error) {
            callStartedNanos = 0;
            failed.incrementAndGet();
            counters.handlerFailures.increment();
            listener.failed(frame.seq(), error);
        } catch (Error error) {
            // an OutOfMemoryError, a StackOverflowError, a missing class: this frame fails and says so; the thread
            // and every other session go on
            failed.incrementAndGet();
            counters.handlerFailures.increment();
            listener.failed(frame.seq(), new HandlerError(error));
        } finally {
            callStartedNanos = 0;
        }
        boolean again;
        synchronized (this) {
            again = pending != null && !closed;
            scheduled = again;
        }
        if (again) {
            executor.execute(this::processOne);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** An {@link Error} thrown by a handler (or while decoding its frame), reported as the failure it is. */
    public static final class HandlerError extends RuntimeException {
        public HandlerError(Error cause) {
            super(cause.toString(), cause);
        }
    }

    /** How long the handler's current call has been running, in ns of {@link System#nanoTime()}; 0 when idle. */
    public long busyNanos() {
        long started = callStartedNanos;
        return started == 0 ? 0 : Math.max(1, System.nanoTime() - started);
    }

    /** Frames offered so far. */
    public long received() {
        return received.get();
    }

    /** Frames the handler finished. */
    public long processed() {
        return processed.get();
    }

    /** Frames replaced by a newer one before the handler got to them. */
    public long dropped() {
        return dropped.get();
    }

    /** Frames that failed to decode or on which the handler threw. */
    public long failed() {
        return failed.get();
    }

    /** Stops taking frames; a frame being processed finishes, a waiting one is discarded. */
    @Override
    public synchronized void close() {
        closed = true;
        pending = null;
    }
}
