package dev.riffle.server;

import dev.riffle.media.VideoFrame;
import dev.riffle.server.redis.QueueBenchmark;
import dev.riffle.server.wire.FrameCodec;
import dev.riffle.testkit.Daemon;
import dev.riffle.testkit.HaProxy;
import dev.riffle.testkit.RedisServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * {@code ./dev bench-cluster}, one run: admission through Redis vs in process ({@link QueueBenchmark}); the same
 * client load served by 1 node and by 3 nodes behind HAProxy, with the nodes' CPU per session; the fail-over time
 * after a node's SIGKILL. Everything on this machine's 2 cores: redis-server, the node JVMs, HAProxy and the clients
 * (WebSocket clients in this JVM sending 320x240 JPEG frames at 20 fps each, a frame in flight per session), so the
 * figures are CPU per session and per frame, not capacity.
 */
public final class ClusterBenchmark {
    private static final int SESSIONS = 6;
    private static final int FPS = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(8);
    private static final Duration WINDOW = Duration.ofSeconds(20);

    private ClusterBenchmark() {
    }

    /** A node JVM and its port. */
    private record Node(String name, Daemon daemon, int port) {
        long cpuNanos() {
            return cpu(daemon.process());
        }
    }

    public static void main(String[] args) throws Exception {
        if (!Files.isExecutable(HaProxy.BINARY)) {
            throw new IllegalStateException("The benchmark needs HAProxy: apt-get install haproxy");
        }
        System.out.println("== Admission: Redis vs in process");
        QueueBenchmark.main(args);
        try (RedisServer redis = RedisServer.start()) {
            StringBuilder table = new StringBuilder("| nodes | sessions | served fps per session | round trip p50 (ms) |"
                    + " p99 (ms) | nodes' CPU, % of a core | per session | per frame (ms) | HAProxy CPU % |"
                    + " sessions per node |\n|---|---|---|---|---|---|---|---|---|---|\n");
            for (int n : new int[] {1, 3}) {
                table.append(load(redis, n));
            }
            System.out.println("== The same load on 1 and 3 nodes (" + SESSIONS + " sessions, " + FPS
                    + " fps offered each, 320x240 JPEG, flip)");
            System.out.println(table);
            System.out.println("== Fail-over after SIGKILL (lease 3 s)");
            failOver(redis);
        }
    }

    private static String load(RedisServer redis, int count) throws Exception {
        List<Node> nodes = startNodes(redis, count);
        HaProxy haproxy = null;
        List<WsTestClient> clients = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        try {
            haproxy = HaProxy.start(null, nodes.stream().map(Node::port).toList());
            int port = haproxy.port();
            byte[] jpeg;
            try (FrameCodec.JpegEncoder encoder = new FrameCodec.JpegEncoder(0.8f)) {
                jpeg = encoder.encode(scene(320, 240), 0, 0);
            }
            AtomicLong served = new AtomicLong();
            ConcurrentLinkedQueue<Long> roundTrips = new ConcurrentLinkedQueue<>();
            AtomicBoolean measuring = new AtomicBoolean();
            for (int i = 0; i < SESSIONS; i++) {
                WsTestClient c = new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/flip/websocket"));
                clients.add(c);
                c.start("jpeg");
                c.nextQueue("admitted");
                senders.add(Thread.ofVirtual().start(() -> {
                    long period = 1_000_000_000L / FPS;
                    long next = System.nanoTime();
                    for (int seq = 1; running.get(); seq++) {
                        byte[] m = jpeg.clone();
                        java.nio.ByteBuffer.wrap(m).putInt(4, seq);
                        long sent = System.nanoTime();
                        if (!c.sendUnlessClosed(m)) {
                            return;
                        }
                        try {
                            c.nextFrame();
                        } catch (AssertionError gone) {
                            return;
                        }
                        long back = System.nanoTime();
                        if (measuring.get()) {
                            served.incrementAndGet();
                            roundTrips.add(back - sent);
                        }
                        next += period;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait); // the client's own frame clock
                        } else {
                            next = System.nanoTime();
                        }
                    }
                }));
            }
            Thread.sleep(WARM_UP.toMillis()); // the JIT and the frame clocks settle: a fixed span, not a wait on an event
            long cpu0 = nodes.stream().mapToLong(Node::cpuNanos).sum();
            long hp0 = cpu(haproxy.process());
            long t0 = System.nanoTime();
            measuring.set(true);
            Thread.sleep(WINDOW.toMillis()); // the measuring window
            measuring.set(false);
            long elapsed = System.nanoTime() - t0;
            long cpu = nodes.stream().mapToLong(Node::cpuNanos).sum() - cpu0;
            long hp = cpu(haproxy.process()) - hp0;
            List<Long> rt = new ArrayList<>(roundTrips);
            Collections.sort(rt);
            double seconds = elapsed / 1e9;
            double corePct = 100.0 * cpu / elapsed;
            List<String> spread = new ArrayList<>();
            for (Node node : nodes) {
                spread.add(String.valueOf(sessionsOn(node)));
            }
            return String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.0f | %.1f | %.2f | %.1f | %s |%n",
                    count, SESSIONS, served.get() / seconds / SESSIONS, pct(rt, 50), pct(rt, 99), corePct,
                    corePct / SESSIONS, cpu / 1e6 / Math.max(1, served.get()), 100.0 * hp / elapsed,
                    String.join("/", spread));
        } finally {
            running.set(false);
            clients.forEach(WsTestClient::close);
            for (Thread t : senders) {
                t.join(5_000);
            }
            if (haproxy != null) {
                haproxy.close();
            }
            stop(nodes);
        }
    }

    /** Sessions on a node, as it last printed them (every second). */
    private static int sessionsOn(Node node) {
        List<String> lines = node.daemon().lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("sessions ")) {
                return Integer.parseInt(lines.get(i).substring("sessions ".length()).trim());
            }
        }
        return 0;
    }

    /** Three rounds: a session holds the one slot on one node, another waits on a second; the first node is killed. */
    private static void failOver(RedisServer redis) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<Node> nodes = startNodes(redis, 2);
            try (WsTestClient holder = new WsTestClient(URI.create("ws://127.0.0.1:" + nodes.get(0).port()
                    + "/one/websocket"));
                    WsTestClient next = new WsTestClient(URI.create("ws://127.0.0.1:" + nodes.get(1).port()
                            + "/one/websocket"))) {
                holder.start("raw");
                holder.nextQueue("admitted");
                next.start("raw");
                next.nextQueue("waiting");
                long killed = System.nanoTime();
                nodes.get(0).daemon().process().destroyForcibly(); // SIGKILL
                next.nextQueue("admitted");
                millis.add((System.nanoTime() - killed) / 1_000_000);
            } finally {
                stop(nodes);
            }
        }
        System.out.println("fail-over (ms): " + millis + " - bound: lease 3,000 + one renewal 1,000 = 4,000");
    }

    private static List<Node> startNodes(RedisServer redis, int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Daemon d = Daemon.start(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    BenchNode.class.getName(), redis.uri(), "bench" + i + "-" + System.nanoTime()),
                    Pattern.compile("^port (\\d+)"), Duration.ofSeconds(60));
            nodes.add(new Node("bench" + i, d, Integer.parseInt(d.readyLine().group(1))));
        }
        return nodes;
    }

    private static void stop(List<Node> nodes) throws InterruptedException {
        for (Node n : nodes) {
            n.daemon().process().destroy(); // all at once; then each is waited for (and killed after 10 s)
        }
        for (Node n : nodes) {
            n.daemon().close();
        }
    }

    private static long cpu(Process p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private static VideoFrame scene(int w, int h) {
        return StreamSocketTest.scene(w, h, 3);
    }
}
