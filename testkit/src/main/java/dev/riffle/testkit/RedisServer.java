package dev.riffle.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real {@code redis-server} (Debian's) on 127.0.0.1 and a free port, without persistence, for a test of nodes that
 * share a queue in Redis; it can be killed and started again on the same port (an outage). Missing, the test is
 * skipped - or fails with {@code -Driffle.browsers.required=true}, which Riffle's {@code ./dev test} sets once it has
 * installed the tools.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     RiffleServer.create().queue(RedisQueues.connect(redis.uri()))...
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {
    /** Where Debian's package puts the server. */
    public static final Path BINARY = Path.of("/usr/bin/redis-server");
    private final int port;
    private Daemon daemon;

    private RedisServer(int port) {
        this.port = port;
    }

    /** Starts a server on a free port and waits until it accepts connections. */
    public static RedisServer start() throws Exception {
        LocalDaemons.require(BINARY, "redis-server");
        int port = LocalDaemons.freePort();
        RedisServer redis = new RedisServer(port);
        redis.up();
        return redis;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The server's version ({@code 7.0.15}), or {@code ?}. */
    public static String version() {
        try {
            Process p = new ProcessBuilder(BINARY.toString(), "--version").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return v.replaceAll(".*v=([0-9.]+).*", "$1");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Starts the server (again, after {@link #down()}) and waits for it to accept connections. */
    public void up() throws Exception {
        daemon = Daemon.start(List.of(BINARY.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes"),
                Pattern.compile("Ready to accept connections"), Duration.ofSeconds(20));
    }

    /** Kills the server with SIGKILL (an outage: everything in it is lost). */
    public void down() throws InterruptedException {
        daemon.kill();
    }

    @Override
    public void close() throws InterruptedException {
        down();
    }
}
