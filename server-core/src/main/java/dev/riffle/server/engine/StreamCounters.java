package dev.riffle.server.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one stream has done since it was mounted, counted as it happens (adders: no lock, no allocation on the
 * frame path); read by the metrics binder when a registry asks. The current state - sessions streaming and waiting,
 * the audio backlog - is read from the live sessions instead.
 */
public final class StreamCounters {
    /** A count, a total and a maximum of durations, in nanoseconds. */
    public static final class Durations {
        private final LongAdder count = new LongAdder();
        private final LongAdder totalNanos = new LongAdder();
        private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

        public void record(long nanos) {
            count.increment();
            totalNanos.add(nanos);
            maxNanos.accumulate(nanos);
        }

        public long count() {
            return count.sum();
        }

        public double totalNanos() {
            return totalNanos.sum();
        }

        public long maxNanos() {
            return maxNanos.get();
        }
    }

    /** Video frames that reached the server. */
    public final LongAdder framesReceived = new LongAdder();
    /** Frames the handler processed. */
    public final LongAdder framesProcessed = new LongAdder();
    /** Frames replaced by a newer one before the handler was free (never queued behind a slow handler). */
    public final LongAdder framesDropped = new LongAdder();
    /** Audio chunks that reached the server. */
    public final LongAdder chunksReceived = new LongAdder();
    /** Audio chunks the handler received. */
    public final LongAdder chunksProcessed = new LongAdder();
    /** Handler calls that threw. */
    public final LongAdder handlerFailures = new LongAdder();
    /** Sessions whose time limit sent them back to the queue. */
    public final LongAdder timeLimitExpiries = new LongAdder();
    /** Sessions refused (queue full, concurrency limit without a queue, bad requests). */
    public final LongAdder sessionsRefused = new LongAdder();
    /** Bytes from clients and to clients over the WebSocket transport. */
    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    /** One handler call per frame or chunk. */
    public final Durations handlerTime = new Durations();
    /** From waiting in line to being admitted. */
    public final Durations queueWait = new Durations();
    /** From a WebRTC offer to the connection's being up. */
    public final Durations webrtcSetup = new Durations();
    /** WebRTC connections of this stream that are up now. */
    public final AtomicInteger webrtcConnections = new AtomicInteger();
}
