package dev.riffle.server.session;

import dev.riffle.handler.CloseStream;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one session's video frames through its handler: at most one call in flight, on the given executor (never on
 * the transport's thread), and the latest frame wins - a frame that arrives while another still waits replaces it
 * and counts as dropped, so nothing piles up behind a slow handler. Each processed frame is a separate task, so a
 * busy session yields the executor to other sessions between frames.
 *
 * <p>A handler that throws on one frame reports the error and the stream goes on with the next frame; a
 * {@link CloseStream} ends the pipeline cleanly.
 */
public final class VideoPipeline implements AutoCloseable {
    /** What the pipeline produces. Methods run on the executor; all do nothing by default. */
    public interface Listener {
        /** A processed frame ({@code in} is the frame it came from). */
        default void output(VideoFrame in, VideoFrame out) {
        }

        /** The handler threw on one frame; the stream goes on. */
        default void failed(RuntimeException error) {
        }

        /** The handler ended the stream with {@link CloseStream}. */
        default void closedByHandler(String message) {
        }
    }

    private final VideoHandler handler;
    private final Executor executor;
    private final Listener listener;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Inputs inputs = Inputs.none();
    private VideoFrame pending;
    private boolean scheduled;
    private boolean closed;

    /**
     * @param handler this session's own handler instance
     * @param executor where the handler runs
     * @param listener receives outputs and errors
     */
    public VideoPipeline(VideoHandler handler, Executor executor, Listener listener) {
        this.handler = handler;
        this.executor = executor;
        this.listener = listener;
    }

    /** Sets the additional inputs; frames that start after this call see them. */
    public void setInputs(Inputs inputs) {
        this.inputs = inputs == null ? Inputs.none() : inputs;
    }

    /** Hands a frame over (returns at once). Ignored after {@link #close()}. */
    public void offer(VideoFrame frame) {
        received.incrementAndGet();
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (pending != null) {
                dropped.incrementAndGet();
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
        VideoFrame frame;
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
        try {
            VideoFrame out = VideoFrame.allocate(frame.width(), frame.height());
            handler.handle(frame, out, current);
            processed.incrementAndGet();
            listener.output(frame, out);
        } catch (CloseStream end) {
            close();
            listener.closedByHandler(end.getMessage());
        } catch (RuntimeException error) {
            failed.incrementAndGet();
            listener.failed(error);
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

    /** Frames on which the handler threw. */
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
