package dev.riffle.spring;

import dev.riffle.server.RiffleMount;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Riffle's part of a graceful shutdown: when the application context closes, the mount drains before anything else
 * stops - no new sessions (offers go to another node of a shared deployment), {@code /queue} answers 503
 * {@code server_stopping} so a load balancer's health check takes the node out, sessions waiting in line end (their
 * clients rejoin elsewhere), and the streaming ones finish for up to {@code riffle.drain-timeout}. Then the web server
 * shuts down and the mount closes, ending whatever is left.
 */
public final class RiffleDrain implements SmartLifecycle {
    private final RiffleMount mount;
    private final Duration timeout;
    private volatile boolean running;

    RiffleDrain(RiffleMount mount, Duration timeout) {
        this.mount = mount;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        try {
            if (mount.isRunning() && !timeout.isZero() && !timeout.isNegative()) {
                mount.drain(timeout);
            }
        } finally {
            running = false;
        }
    }

    @Override
    public void stop(Runnable callback) {
        // on a thread of its own: Spring waits for the callback (bounded by its shutdown-phase timeout)
        Thread.ofPlatform().name("riffle-drain").daemon().start(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** First to stop: before the web server's graceful shutdown and every other lifecycle of the app. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
