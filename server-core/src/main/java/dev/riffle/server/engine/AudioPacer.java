package dev.riffle.server.engine;

import dev.riffle.media.AudioChunk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sends a session's output audio in real time, in 20 ms frames, however the handler emits it (a 3 s reply at once,
 * or 10 ms pieces): the frames due by the clock, plus {@code lead} ahead, go to the sink on each tick. So a player
 * never receives seconds of audio it would have to buffer, and {@link #clear()} (a reply interrupted) drops what
 * has not been sent. The sink runs on the ticker thread, frames in order.
 */
public final class AudioPacer implements AutoCloseable {
    /** Where due frames go. */
    public interface Sink {
        void frame(AudioChunk frame);
    }

    public static final int FRAME_MILLIS = 20;
    private static final long TICK_MILLIS = 10;

    private final ScheduledExecutorService ticker;
    private final Sink sink;
    private final long leadNanos;
    private final LongSupplier clock;
    private final ArrayDeque<AudioChunk> queue = new ArrayDeque<>();
    /** held while frames go to the sink, so ticks and a flush never interleave or reorder them */
    private final Object sending = new Object();
    private int headOffset;
    /** the duration of the chunks in the queue, the head's sent part included: queuedMillis in O(1) */
    private double queueMillis;
    private ScheduledFuture<?> task;
    private long startedNanos;
    private double sentMillis;
    private boolean closed;

    /**
     * @param leadMillis how far ahead of real time frames may go out (a little absorbs the ticker's jitter)
     */
    public AudioPacer(ScheduledExecutorService ticker, Sink sink, int leadMillis, LongSupplier clock) {
        this.ticker = ticker;
        this.sink = sink;
        this.leadNanos = TimeUnit.MILLISECONDS.toNanos(leadMillis);
        this.clock = clock;
    }

    public AudioPacer(ScheduledExecutorService ticker, Sink sink, int leadMillis) {
        this(ticker, sink, leadMillis, System::nanoTime);
    }

    /** Queues audio to send. Starts the clock when the pacer was idle. */
    public synchronized void offer(AudioChunk chunk) {
        if (closed || chunk.frameCount() == 0) {
            return;
        }
        queue.addLast(chunk);
        queueMillis += chunk.durationMillis();
        if (task == null) {
            startedNanos = clock.getAsLong();
            sentMillis = 0;
            if (ticker != null) {
                task = ticker.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Sends the frames that are due now. Called by the ticker; public for tests that drive a manual clock. */
    public void tick() {
        synchronized (sending) {
            send(false);
        }
    }

    /** Sends everything queued now, unpaced: the stream is ending gracefully and its last words should arrive. */
    public void flush() {
        synchronized (sending) {
            send(true);
        }
    }

    private void send(boolean all) {
        List<AudioChunk> due = new ArrayList<>();
        synchronized (this) {
            double elapsedMillis = (clock.getAsLong() - startedNanos + leadNanos) / 1e6;
            while (!queue.isEmpty() && (all || sentMillis <= elapsedMillis)) {
                AudioChunk frame = nextFrame();
                sentMillis += frame.durationMillis();
                due.add(frame);
            }
            if (queue.isEmpty() && task != null) {
                task.cancel(false);
                task = null;
            }
        }
        for (AudioChunk frame : due) {
            sink.frame(frame);
        }
    }

    /** Up to 20 ms from the head of the queue, all in the head chunk's format. */
    private AudioChunk nextFrame() {
        AudioChunk head = queue.peekFirst();
        int channels = head.channels();
        int rate = head.sampleRate();
        int want = rate * FRAME_MILLIS / 1000;
        short[] out = new short[want * channels];
        int filled = 0;
        while (filled < want && !queue.isEmpty()) {
            AudioChunk c = queue.peekFirst();
            if (c.sampleRate() != rate || c.channels() != channels) {
                break;
            }
            int take = Math.min(want - filled, c.frameCount() - headOffset);
            System.arraycopy(c.samples(), headOffset * channels, out, filled * channels, take * channels);
            filled += take;
            headOffset += take;
            if (headOffset == c.frameCount()) {
                queue.removeFirst();
                headOffset = 0;
                // an empty queue starts the sum again: no rounding carried over from chunk to chunk
                queueMillis = queue.isEmpty() ? 0 : queueMillis - c.durationMillis();
            }
        }
        if (filled < want) {
            short[] shorter = new short[filled * channels];
            System.arraycopy(out, 0, shorter, 0, shorter.length);
            out = shorter;
        }
        return new AudioChunk(rate, channels, out);
    }

    /** Drops everything not sent yet. */
    public synchronized void clear() {
        queue.clear();
        headOffset = 0;
        queueMillis = 0;
    }

    /** Milliseconds of audio queued and not sent yet. */
    public synchronized long queuedMillis() {
        if (queue.isEmpty()) {
            return 0;
        }
        double ms = queueMillis - headOffset * 1000.0 / queue.peekFirst().sampleRate();
        return Math.max(0, Math.round(ms));
    }

    /** Whether audio is waiting to be sent. */
    public synchronized boolean busy() {
        return !queue.isEmpty();
    }

    @Override
    public synchronized void close() {
        closed = true;
        clear();
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
