package dev.riffle.testkit;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (Debian's) on 127.0.0.1 and a free port in front of nodes on 127.0.0.1, for tests and benchmarks of
 * several Riffle nodes: HTTP mode, {@code leastconn} (the long-lived WebSockets spread over the nodes),
 * its own {@code X-Forwarded-For} (a client's forwarding headers are dropped), and health checks when a path is given. Missing, the test is skipped - or fails with
 * {@code -Driffle.browsers.required=true}.
 *
 * <pre>{@code
 * try (HaProxy lb = HaProxy.start("/flip/queue", List.of(portA, portB, portC))) {
 *     page.navigate("http://127.0.0.1:" + lb.port() + "/flip/");
 * }
 * }</pre>
 */
public final class HaProxy implements AutoCloseable {
    /** Where Debian's package puts it. */
    public static final Path BINARY = Path.of("/usr/sbin/haproxy");
    private final Daemon daemon;
    private final int port;

    private HaProxy(Daemon daemon, int port) {
        this.daemon = daemon;
        this.port = port;
    }

    /**
     * Starts HAProxy before the nodes listening on {@code nodePorts} (named {@code node1}, {@code node2}, ...) and
     * waits until it accepts connections.
     *
     * @param healthCheck the path HAProxy polls every 500 ms ({@code GET}; two failures take a node out, one success
     *     brings it back), or null for none
     */
    public static HaProxy start(String healthCheck, List<Integer> nodePorts) throws Exception {
        LocalDaemons.require(BINARY, "haproxy");
        int port = LocalDaemons.freePort();
        StringBuilder cfg = new StringBuilder("""
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 60s
                  timeout server 60s
                  timeout tunnel 120s
                frontend riffle
                  bind 127.0.0.1:%d
                  default_backend nodes
                backend nodes
                  balance leastconn
                  http-request del-header X-Forwarded-For
                  http-request del-header X-Forwarded-Host
                  http-request del-header X-Forwarded-Proto
                  http-request del-header Forwarded
                  option forwardfor
                """.formatted(port));
        if (healthCheck != null) {
            cfg.append("  option httpchk GET ").append(healthCheck).append('\n');
        }
        for (int i = 0; i < nodePorts.size(); i++) {
            cfg.append("  server node").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i))
                    .append(healthCheck != null ? " check inter 500ms fall 2 rise 1" : "").append('\n');
        }
        Path file = Files.createTempFile("riffle-haproxy", ".cfg");
        Files.writeString(file, cfg);
        file.toFile().deleteOnExit();
        Daemon d = Daemon.start(List.of(BINARY.toString(), "-db", "-f", file.toString()), null, Duration.ZERO);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end && d.process().isAlive()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new HaProxy(d, port);
            } catch (IOException notYet) {
                Thread.sleep(50); // nothing tells when it listens but a connection that succeeds
            }
        }
        d.kill();
        throw new IllegalStateException("HAProxy does not listen on " + port + ": " + d.lines());
    }

    /** The port visitors use. */
    public int port() {
        return port;
    }

    /** HAProxy's own process (its CPU time, for a benchmark). */
    public Process process() {
        return daemon.process();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.kill();
    }
}
