package dev.riffle.server.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.riffle.handler.CloseStream;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.stream.ErrorCode;
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
    private static final Logger LOG = LoggerFactory.getLogger(AudioPipeline.class);

    /** What the pipeline produces. Methods run on the executor; all do nothing by default. */
    public interface Listener {
        /** A chunk the handler emitted. */
        default void output(AudioChunk chunk) {
        }

        /** The handler threw on one chunk; the stream goes on. */
        default void failed(RuntimeException error) {
        }

        /**
         * The stream ended: by the handler ({@link CloseStream}, code {@code closed_by_handler}) or because the
         * handler fell too far behind ({@code audio_backlog}).
         */
        default void ended(ErrorCode code, String message) {
        }
    }

    private final StreamHandler handler;
    private final Executor executor;
    private final Listener listener;
    private final double maxBacklogMillis;
    private final ArrayDeque<AudioChunk> backlog = new ArrayDeque<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** System.nanoTime() when the running handler call began; 0 when none runs */
    private volatile long callStarted;
    private double backlogMillis;
    private volatile StreamCounters counters = new StreamCounters();
    private boolean scheduled;
    private boolean closed;
    private String endMessage;
    private ErrorCode endCode;
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

    /** Counts this pipeline's chunks and handler calls into {@code counters} (its stream's) from now on. */
    public void countInto(StreamCounters counters) {
        this.counters = counters;
    }

    /** How far behind the microphone the handler is now: the audio waiting for it, in ms. */
    public synchronized double backlogMillis() {
        return backlogMillis;
    }

    /** Appends a chunk (returns at once). Ignored after the stream ended. */
    public void offer(AudioChunk chunk) {
        received.incrementAndGet();
        counters.chunksReceived.increment();
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
                backlogMillis = 0;
                endCode = ErrorCode.AUDIO_BACKLOG;
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
            callStarted = System.nanoTime();
            try {
                if (!started) {
                    started = true;
                    handler.startUp();
                }
                handler.receive(chunk);
                processed.incrementAndGet();
                counters.chunksProcessed.increment();
                counters.handlerTime.record(System.nanoTime() - callStarted);
                for (AudioChunk out = handler.emit(); out != null && !isClosed(); out = handler.emit()) {
                    listener.output(out); // may end the session (an output backlog): then no more is asked for
                }
            } catch (CloseStream end) {
                synchronized (this) {
                    closed = true;
                    backlog.clear();
                    backlogMillis = 0;
                    endCode = ErrorCode.CLOSED_BY_HANDLER;
                    endMessage = end.getMessage() != null ? end.getMessage() : "The handler ended the stream.";
                }
            } catch (RuntimeException error) {
                failed.incrementAndGet();
                counters.handlerFailures.increment();
                report(error);
            } catch (Error error) {
                // an OutOfMemoryError or the like: this chunk fails and says so; every other session goes on
                failed.incrementAndGet();
                counters.handlerFailures.increment();
                report(new VideoPipeline.HandlerError(error));
            } finally {
                callStarted = 0;
            }
        }
    }

    /** Tells the listener of a failed chunk; whatever that throws must not end this loop (the chunks after wait). */
    private void report(RuntimeException error) {
        try {
            listener.failed(error);
        } catch (RuntimeException reporting) {
            reporting.addSuppressed(error);
            LOG.error("Reporting a failed audio chunk failed", reporting);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
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
        ErrorCode code;
        synchronized (this) {
            message = endMessage;
            code = endCode;
        }
        if (code != null) {
            listener.ended(code, message);
        }
    }

    public long received() {
        return received.get();
    }

    public long processed() {
        return processed.get();
    }

    /** Chunks the handler threw on. */
    public long failed() {
        return failed.get();
    }

    /** How long the running handler call has taken so far, in ns; 0 when none runs. */
    public long busyNanos() {
        long began = callStarted;
        return began == 0 ? 0 : System.nanoTime() - began;
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
            backlogMillis = 0;
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            executor.execute(this::drain);
        }
    }
}
