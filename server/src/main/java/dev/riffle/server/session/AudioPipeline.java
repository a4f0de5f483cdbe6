package dev.riffle.server.session;

import dev.riffle.handler.CloseStream;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one session's audio through its {@link StreamHandler}: chunks are appended in arrival order and never dropped;
 * the handler runs on the executor, one call at a time, and whatever it {@link StreamHandler#emit emits} goes to the
 * listener. The backlog is bounded in time: a handler that falls more than {@code maxBacklogMillis} behind ends the
 * stream with a clear error instead of letting memory grow or silently skipping speech.
 */
public final class AudioPipeline implements AutoCloseable {
    /** What the pipeline produces. Methods run on the executor; all do nothing by default. */
    public interface Listener {
        /** A chunk the handler emitted. */
        default void output(AudioChunk chunk) {
        }

        /** The handler threw on one chunk; the stream goes on. */
        default void failed(RuntimeException error) {
        }

        /** The stream ended: by the handler ({@link CloseStream}) or because the handler fell too far behind. */
        default void ended(String message) {
        }
    }

    private final StreamHandler handler;
    private final Executor executor;
    private final Listener listener;
    private final double maxBacklogMillis;
    private final ArrayDeque<AudioChunk> backlog = new ArrayDeque<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private double backlogMillis;
    private boolean scheduled;
    private boolean closed;
    private String endMessage;
    // touched only inside drain(), which never runs twice at once
    private boolean started;
    private boolean finished;

    /**
     * @param handler this session's own handler instance ({@link StreamHandler#copy()})
     * @param maxBacklogMillis how far behind the handler may fall, in ms of audio
     */
    public AudioPipeline(StreamHandler handler, Executor executor, Listener listener, double maxBacklogMillis) {
        if (!(maxBacklogMillis > 0)) {
            throw new IllegalArgumentException("maxBacklogMillis must be positive, got " + maxBacklogMillis);
        }
        this.handler = handler;
        this.executor = executor;
        this.listener = listener;
        this.maxBacklogMillis = maxBacklogMillis;
    }

    /** Appends a chunk (returns at once). Ignored after the stream ended. */
    public void offer(AudioChunk chunk) {
        received.incrementAndGet();
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            backlog.addLast(chunk);
            backlogMillis += chunk.durationMillis();
            if (backlogMillis > maxBacklogMillis) {
                closed = true;
                backlog.clear();
                endMessage = "The audio handler fell more than " + Math.round(maxBacklogMillis)
                        + " ms behind the microphone; the stream was stopped";
            }
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            executor.execute(this::drain);
        }
    }

    /** The only place handler methods run, so they never overlap: start-up, chunks in order, shutdown. */
    private void drain() {
        while (true) {
            AudioChunk chunk = null;
            boolean closing;
            synchronized (this) {
                closing = closed;
                if (!closing) {
                    chunk = backlog.pollFirst();
                    if (chunk == null) {
                        scheduled = false;
                        return;
                    }
                    backlogMillis -= chunk.durationMillis();
                } else {
                    scheduled = false;
                }
            }
            if (closing) {
                finish();
                return;
            }
            try {
                if (!started) {
                    started = true;
                    handler.startUp();
                }
                handler.receive(chunk);
                processed.incrementAndGet();
                for (AudioChunk out = handler.emit(); out != null; out = handler.emit()) {
                    listener.output(out);
                }
            } catch (CloseStream end) {
                synchronized (this) {
                    closed = true;
                    backlog.clear();
                    endMessage = end.getMessage();
                }
            } catch (RuntimeException error) {
                listener.failed(error);
            }
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (started) {
            handler.shutdown();
        }
        String message;
        synchronized (this) {
            message = endMessage;
        }
        if (message != null) {
            listener.ended(message);
        }
    }

    public long received() {
        return received.get();
    }

    public long processed() {
        return processed.get();
    }

    /** Ends the stream: waiting chunks are discarded and the handler's {@code shutdown()} runs on the executor. */
    @Override
    public void close() {
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            backlog.clear();
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            executor.execute(this::drain);
        }
    }
}
