package dev.riffle.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    private Process process;

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
        process = new ProcessBuilder(BINARY.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes").redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Process p = process;
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.contains("Ready to accept connections")) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new IOException("redis-server ended before it was ready"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        ready.get(20, TimeUnit.SECONDS);
    }

    /** Kills the server with SIGKILL (an outage: everything in it is lost). */
    public void down() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        down();
    }
}
