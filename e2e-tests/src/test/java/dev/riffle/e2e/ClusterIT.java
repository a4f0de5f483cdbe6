package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.RifflePage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real deployment on 127.0.0.1: Debian's redis-server, three Riffle nodes (each its own JVM, {@link ClusterNode})
 * sharing one queue in Redis with a concurrency limit of 2, and Debian's HAProxy in front (round robin, health
 * checks, least connections: the long-lived WebSockets spread over the nodes). Chromium pages stream the filter
 * through HAProxy over the WebSocket (one connection carries a session, so each session stays on one node). Exactly two stream at a time whichever nodes they reached, the rest see global
 * places; a node killed with SIGKILL gives its slot back within the lease (3 s) and a renewal; with Redis gone new
 * sessions are refused with {@code queue_unavailable} while the streaming ones go on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    /** a session's first word in a node's log: which node serves it */
    private static final Pattern SERVED = Pattern.compile("session (\\S+): (admitted|waiting in line)");
    private static Daemon redis;
    private static int redisPort;
    private static final List<Daemon> nodes = new ArrayList<>();
    private static Daemon haproxy;
    private static int port;
    private static Chromium.Session chromium;
    private static final List<BrowserContext> contexts = new ArrayList<>();
    private static final List<Page> pages = new ArrayList<>();

    @BeforeAll
    static void deploy() throws Exception {
        for (String tool : new String[] {"/usr/bin/redis-server", "/usr/sbin/haproxy"}) {
            if (!Files.isExecutable(Path.of(tool))) {
                if (Boolean.getBoolean("riffle.browsers.required")) {
                    Assertions.fail(tool + " is missing (apt-get install redis-server haproxy)");
                }
                Assumptions.abort("no " + tool + ": apt-get install redis-server haproxy");
            }
        }
        redisPort = freePort();
        redis = startRedis();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Integer> nodePorts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Daemon node = Daemon.start(List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), ClusterNode.class.getName(),
                    "redis://127.0.0.1:" + redisPort, "node" + i), Pattern.compile("^port (\\d+)"),
                    Duration.ofSeconds(60));
            nodes.add(node);
            nodePorts.add(Integer.parseInt(node.readyLine().group(1)));
        }
        port = freePort();
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
                  option httpchk GET /flip/queue
                """.formatted(port));
        for (int i = 0; i < nodePorts.size(); i++) {
            cfg.append("  server node").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i))
                    .append(" check inter 500ms fall 2 rise 1\n");
        }
        Path file = Files.createTempFile("riffle-haproxy", ".cfg");
        Files.writeString(file, cfg);
        haproxy = Daemon.start(List.of("/usr/sbin/haproxy", "-db", "-f", file.toString()), null, Duration.ZERO);
        awaitPort(port);
        chromium = Chromium.launch(Chromium.options());
    }

    private static Daemon startRedis() throws Exception {
        return Daemon.start(List.of("/usr/bin/redis-server", "--port", String.valueOf(redisPort), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no"), Pattern.compile("Ready to accept connections"),
                Duration.ofSeconds(20));
    }

    @AfterAll
    static void undeploy() throws Exception {
        for (BrowserContext c : contexts) {
            c.close();
        }
        if (chromium != null) {
            chromium.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        for (Daemon n : nodes) {
            n.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int p) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", p)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("HAProxy does not listen on " + p);
    }

    /** A new visitor (own browser context) who opens the stream through HAProxy and presses Start. */
    private static Page visitor() {
        BrowserContext context = chromium.browser().newContext();
        contexts.add(context);
        Page page = context.newPage();
        new RifflePage(page).open("http://127.0.0.1:" + port + "/flip/?transport=websocket").startWebcam();
        pages.add(page);
        return page;
    }

    private static String state(Page p) {
        return String.valueOf(p.evaluate("riffle.server.state"));
    }

    /** The node that serves the page's session (its log named it first). */
    private static Daemon nodeOf(Page p) {
        String id = String.valueOf(p.evaluate("riffle.server.sessionId"));
        for (Daemon n : nodes) {
            for (String line : n.lines) {
                Matcher m = SERVED.matcher(line);
                if (m.find() && m.group(1).equals(id)) {
                    return n;
                }
            }
        }
        return null;
    }

    @Test
    @Order(1)
    void twoStreamAtATime_acrossThreeNodes_theRestWaitInOneLine() {
        for (int i = 0; i < 4; i++) {
            visitor().waitForFunction("() => ['streaming', 'waiting'].includes(riffle.server.state)");
        }
        List<Page> streaming = pages.stream().filter(p -> state(p).equals("streaming")).toList();
        List<Integer> places = pages.stream().filter(p -> state(p).equals("waiting"))
                .map(p -> ((Number) p.evaluate("riffle.server.position")).intValue()).sorted().toList();
        assertEquals(2, streaming.size(), "the global limit");
        assertEquals(List.of(1, 2), places, "one line across the nodes");
        for (Page p : streaming) {
            p.waitForFunction("() => riffle.stats.processed > 5");
        }
    }

    @Test
    @Order(2)
    void aNodeKilled_givesItsSlotToTheNextInLine_withinTheLease() throws Exception {
        // a streaming session whose node serves no waiting one, so that a waiting one survives the kill
        Page holder = null;
        Daemon node = null;
        List<Page> waiting = List.of();
        for (Page p : pages.stream().filter(p -> state(p).equals("streaming")).toList()) {
            Daemon n = nodeOf(p);
            List<Page> elsewhere = pages.stream().filter(w -> state(w).equals("waiting") && nodeOf(w) != null
                    && nodeOf(w) != n).toList();
            if (n != null && !elsewhere.isEmpty()) {
                holder = p;
                node = n;
                waiting = elsewhere;
                break;
            }
        }
        assertNotNull(holder, "a streaming session with a waiting one on another node (least connections spreads"
                + " four sessions over three nodes)");
        long killed = System.nanoTime();
        node.kill();
        // a waiting visitor on a surviving node gets the freed slot
        long end = killed + Duration.ofSeconds(10).toNanos();
        Page promoted = null;
        while (promoted == null && System.nanoTime() < end) {
            for (Page p : waiting) {
                if (state(p).equals("streaming")) {
                    promoted = p;
                }
            }
            Thread.sleep(50);
        }
        long millis = (System.nanoTime() - killed) / 1_000_000;
        assertNotNull(promoted, "a waiting session got the dead node's slot within 10 s; pages: "
                + pages.stream().map(p -> state(p) + "@" + p.evaluate("riffle.server.position") + "/"
                + p.evaluate("riffle.server.sessionId")).toList() + "; waiting then: " + waiting.size()
                + "; nodes' logs: " + nodes.stream().map(n -> n.lines.subList(Math.max(0, n.lines.size() - 12),
                n.lines.size())).toList());
        assertTrue(millis <= 3_000 + 1_000 + 1_500, "within the lease (3 s), a renewal and a margin: " + millis);
        System.out.println("fail-over after SIGKILL: " + millis + " ms");
    }

    @Test
    @Order(3)
    void redisGone_newSessionsAreRefused_runningOnesGoOn() throws Exception {
        Page running = pages.stream().filter(p -> state(p).equals("streaming")).findFirst().orElseThrow();
        redis.kill();
        double before = ((Number) running.evaluate("riffle.stats.processed")).doubleValue();
        BrowserContext context = chromium.browser().newContext();
        contexts.add(context);
        Page refused = context.newPage();
        new RifflePage(refused).open("http://127.0.0.1:" + port + "/flip/?transport=websocket").startWebcam();
        refused.waitForFunction("() => riffle.server.messages.some(m => m.type === 'error'"
                + " && m.error && m.error.code === 'queue_unavailable')");
        running.waitForFunction("n => riffle.stats.processed > n + 10", before);
        assertEquals("streaming", state(running), "a running session goes on without Redis");

        redis = startRedis();
        for (Daemon n : nodes) {
            if (n.process.isAlive()) {
                n.awaitLine(Pattern.compile("is reachable again"), Duration.ofSeconds(10));
            }
        }
        Page back = visitor();
        back.waitForFunction("() => ['streaming', 'waiting'].includes(riffle.server.state)", null,
                new Page.WaitForFunctionOptions().setTimeout(20_000));
    }
}
