package dev.riffle.server.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.riffle.server.queue.QueueListener;
import dev.riffle.server.queue.QueueBackend;
import dev.riffle.server.queue.SessionQueue;
import dev.riffle.server.queue.Ticket;
import dev.riffle.stream.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the streams mounted in one server share: the queue (so streams with one {@code concurrencyId} share slots),
 * the handler threads, and the timer that applies time limits, heartbeat timeouts and handler timeouts.
 *
 * <p>Handlers run on a pool that grows with the number of busy sessions (one call in flight per session), so a
 * handler that hangs holds one thread, never the transports' threads or another session's turn.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private final java.util.Set<String> watchdogFailed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final SessionQueue queue;
    private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();
    private final ExecutorService handlers;
    private final ScheduledExecutorService timer;
    /** paces every session's output audio (sinks may do a little I/O, so not the queue's timer) */
    private final ScheduledExecutorService pacer;
    private ScheduledFuture<?> nextTick;
    private volatile Signalling webrtc;
    private volatile CompletableFuture<Void> drained;
    private long nextTickAt = Long.MAX_VALUE;

    /**
     * @param maxQueueSize sessions that may wait in one concurrency group's line
     * @param heartbeatTimeout a session silent for longer loses its place
     */
    public Engine(int maxQueueSize, Duration heartbeatTimeout) {
        this(maxQueueSize, heartbeatTimeout, QueueBackend.inProcess());
    }

    /** An engine whose queue is {@code backend}'s (shared by several nodes, or this process's). */
    public Engine(int maxQueueSize, Duration heartbeatTimeout, QueueBackend backend) {
        this.queue = backend.create(maxQueueSize, heartbeatTimeout, new Dispatch());
        this.handlers = Executors.newCachedThreadPool(daemon("riffle-handler-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("riffle-timer-"));
        timer.scheduleWithFixedDelay(this::watchdog, 500, 500, TimeUnit.MILLISECONDS);
        this.pacer = Executors.newSingleThreadScheduledExecutor(daemon("riffle-audio-pacer-"));
        queue.directory().reportLoad(this::streamingCount, this::isDraining);
    }

    ScheduledExecutorService pacer() {
        return pacer;
    }

    public SessionQueue queue() {
        return queue;
    }

    /** Which node serves which session: this one alone, or the nodes that share the queue. */
    public dev.riffle.server.queue.SessionDirectory directory() {
        return queue.directory();
    }

    ExecutorService handlers() {
        return handlers;
    }

    /** The WebRTC transport of this server's streams. */
    public Signalling webrtc() {
        return webrtc;
    }

    public void webrtc(Signalling transport) {
        this.webrtc = transport;
    }

    void register(StreamSession session) {
        sessions.put(session.id(), session);
    }

    void unregister(StreamSession session) {
        sessions.remove(session.id());
        watchdogFailed.remove(session.id());
        checkDrained();
    }

    /** Whether {@link #drain()} was called: no new sessions. */
    public boolean isDraining() {
        return drained != null;
    }

    /**
     * Admits no new session from now on (starting one answers 503 {@code server_stopping}), ends the sessions that
     * wait in line (their clients reconnect through the load balancer and rejoin on another node), and completes once
     * the sessions streaming now have ended on their own.
     */
    public synchronized CompletableFuture<Void> drain() {
        if (drained == null) {
            drained = new CompletableFuture<>();
            LOG.info("Draining: no new sessions; {} session(s) streaming or waiting", sessions.size());
            for (StreamSession session : sessions.values()) {
                if (!session.isAdmitted()) {
                    session.close(ErrorCode.SERVER_STOPPING, "This server is draining; start again to be served by"
                            + " another one.");
                }
            }
            checkDrained();
            queue.directory().loadChanged(); // the other nodes stop sending offers here at once
        }
        return drained;
    }

    /**
     * {@link #drain()}, waiting for the streaming sessions to end on their own for up to {@code deadline} (then the
     * host closes: those left end with {@code server_stopping}).
     */
    public void drain(Duration deadline) {
        try {
            drain().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            LOG.info("Drain deadline of {} reached with {} session(s) still streaming", deadline, sessions.size());
        } catch (ExecutionException never) {
            // the future only completes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkDrained() {
        CompletableFuture<Void> d = drained;
        if (d != null && sessions.isEmpty()) {
            d.complete(null);
        }
    }

    /** Live sessions of all streams. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Sessions that hold a slot now (their handlers run here): this node's load. */
    public int streamingCount() {
        int n = 0;
        for (StreamSession s : sessions.values()) {
            if (s.isAdmitted()) {
                n++;
            }
        }
        return n;
    }

    /** Runs {@link SessionQueue#tick()} when the queue's next time limit or heartbeat timeout falls due. */
    synchronized void scheduleTick() {
        long at = queue.nextDeadline();
        if (at == Long.MAX_VALUE || at >= nextTickAt && nextTick != null && !nextTick.isDone()) {
            return;
        }
        if (nextTick != null) {
            nextTick.cancel(false);
        }
        nextTickAt = at;
        long delay = Math.max(0, at - System.currentTimeMillis());
        nextTick = timer.schedule(() -> {
            synchronized (this) {
                nextTick = null;
                nextTickAt = Long.MAX_VALUE;
            }
            queue.tick();
            scheduleTick();
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once after {@code delay} on the engine's timer (keep it short). */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Ends sessions whose handler call has run longer than their stream allows, and sessions whose client stopped
     * reading. Nothing it calls waits for a client.
     */
    private void watchdog() {
        for (StreamSession session : sessions.values()) {
            try {
                session.checkHandlerTimeout();
                session.checkClient();
            } catch (RuntimeException e) {
                if (watchdogFailed.add(session.id())) {
                    // once per session: the watchdog runs twice a second
                    LOG.warn("The watchdog failed on session {} of stream '{}'", session.id(), session.stream().name(),
                            e);
                }
            }
        }
    }

    /** How long stopping waits for the sessions' last messages to go out. */
    static final long CLOSE_FLUSH_MILLIS = 1000;

    @Override
    public void close() {
        List<CompletableFuture<Void>> flushed = new ArrayList<>();
        for (StreamSession session : sessions.values()) {
            session.close(ErrorCode.SERVER_STOPPING, "The server is stopping.");
            flushed.add(session.peer().flushed());
        }
        try {
            // the clients' last message says why (server_stopping): give it a moment to go out, bounded
            CompletableFuture.allOf(flushed.toArray(CompletableFuture[]::new))
                    .get(CLOSE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // a client that does not read is not waited for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (webrtc != null) {
            webrtc.close();
        }
        queue.close();
        timer.shutdownNow();
        pacer.shutdownNow();
        handlers.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Forwards the queue's news to the session it concerns. */
    private final class Dispatch implements QueueListener {
        @Override
        public void admitted(Ticket ticket) {
            StreamSession s = sessions.get(ticket.sessionId());
            if (s != null) {
                s.queueChanged(ticket);
            }
            scheduleTick();
            queue.directory().loadChanged();
        }

        @Override
        public void waiting(Ticket ticket) {
            StreamSession s = sessions.get(ticket.sessionId());
            if (s != null) {
                s.queueChanged(ticket);
            }
        }

        @Override
        public void expired(Ticket ticket) {
            StreamSession s = sessions.get(ticket.sessionId());
            if (s != null) {
                s.expired(ticket);
            }
            queue.directory().loadChanged();
        }

        @Override
        public void closed(Ticket ticket, CloseReason reason) {
            StreamSession s = sessions.get(ticket.sessionId());
            if (s != null && reason == CloseReason.HEARTBEAT_LOST) {
                s.close(ErrorCode.HEARTBEAT_LOST, "No sign of life from the client for too long; the slot was freed.");
            }
            queue.directory().loadChanged();
        }
    }
}
