package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Daemon;
import dev.riffle.testkit.HaProxy;
import dev.riffle.testkit.RedisServer;
import dev.riffle.testkit.RifflePage;
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
 * through HAProxy over the WebSocket (one connection carries a session, so each session stays on one node). Exactly
 * two stream at a time whichever nodes they reached, the rest see global places; WebRTC sessions set up through
 * HAProxy (media straight to the node) go to the least loaded node, and their input hook and outputs stream work
 * through any node; a node killed with SIGKILL gives its slot back within the lease (3 s) and a renewal; with Redis gone new
 * sessions are refused with {@code queue_unavailable} while the streaming ones go on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    /** a session's first word in a node's log: which node serves it */
    private static final Pattern SERVED = Pattern.compile("session (\\S+): (admitted|waiting in line)");
    private static RedisServer redis;
    private static final List<Daemon> nodes = new ArrayList<>();
    private static HaProxy haproxy;
    private static int port;
    private static final List<Integer> nodePorts = new ArrayList<>();
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
        redis = RedisServer.start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 1; i <= 3; i++) {
            Daemon node = Daemon.start(List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), ClusterNode.class.getName(),
                    redis.uri(), "node" + i), Pattern.compile("^port (\\d+)"),
                    Duration.ofSeconds(60));
            nodes.add(node);
            nodePorts.add(Integer.parseInt(node.readyLine().group(1)));
        }
        haproxy = HaProxy.start("/flip/queue", nodePorts);
        port = haproxy.port();
        chromium = Chromium.launch(Chromium.options());
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
            for (String line : n.lines()) {
                Matcher m = SERVED.matcher(line);
                if (m.find() && m.group(1).equals(id)) {
                    return n;
                }
            }
        }
        return null;
    }

    /** A page's WebRTC session as its offer's answer told it, and the node that answered. */
    private record RtcSession(Page page, String node, String sessionId, String token) {
    }

    /** Opens {@code url}, presses Start (WebRTC, the default) and waits until it streams. */
    private static RtcSession rtcVisitor(String url) {
        BrowserContext context = chromium.browser().newContext();
        contexts.add(context);
        Page page = context.newPage();
        RifflePage riffle = new RifflePage(page).open(url);
        com.microsoft.playwright.Response offer = page.waitForResponse(r -> r.url().endsWith("/webrtc/offer"),
                riffle::startWebcam);
        assertEquals(200, offer.status(), offer.text());
        String answer = offer.text();
        page.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 3");
        assertEquals("webrtc", page.evaluate("riffle.server.transport"));
        return new RtcSession(page, offer.headerValue("riffle-node"), field(answer, "session_id"),
                field(answer, "token"));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static int portOf(String node) {
        return nodePorts.get(Integer.parseInt(node.substring("node".length())) - 1);
    }

    @Test
    @Order(0)
    void webRtcThroughHaProxy_offersGoToTheLeastLoadedNode_anyNodeReachesTheSession() throws Exception {
        // the first visitor comes through HAProxy; two more reach its node directly, as if the balancer sent
        // everyone there: their offers are answered by the nodes that stream nothing yet
        RtcSession first = rtcVisitor("http://127.0.0.1:" + port + "/detect/");
        List<String> owners = new ArrayList<>(List.of(first.node()));
        List<RtcSession> sessions = new ArrayList<>(List.of(first));
        for (int i = 0; i < 2; i++) {
            RtcSession s = rtcVisitor("http://127.0.0.1:" + portOf(first.node()) + "/detect/");
            owners.add(s.node());
            sessions.add(s);
        }
        assertEquals(3, new java.util.HashSet<>(owners).size(), "one session per node: " + owners);

        // set_input through one other node, the outputs stream through the third, and through HAProxy
        String owner = first.node();
        List<String> others = List.of("node1", "node2", "node3").stream().filter(n -> !n.equals(owner)).toList();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> events = http.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + portOf(others.get(1)) + "/detect/outputs"
                        + "?webrtc_id=" + first.sessionId() + "&token=" + first.token())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, events.statusCode());
        assertEquals(owner, events.headers().firstValue("Riffle-Node").orElse(null), "the owner's events");
        java.util.concurrent.BlockingQueue<String> data = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> events.body().filter(l -> l.startsWith("data: "))
                .forEach(l -> data.add(l.substring(6))));
        try {
            for (String[] via : new String[][] {{"0.75", "1.5", String.valueOf(portOf(others.get(0)))},
                {"0.25", "0.5", String.valueOf(port)}}) {
                java.net.http.HttpResponse<String> set = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + via[2] + "/detect/input_hook"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + first.token())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"webrtc_id\":\""
                                + first.sessionId() + "\",\"inputs\":[" + via[0] + "]}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, set.statusCode(), set.body());
                assertEquals(owner, set.headers().firstValue("Riffle-Node").orElse(null));
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                String seen = null;
                while (!via[1].equals(seen) && System.nanoTime() < end) {
                    seen = data.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                assertEquals(via[1], seen, "the output of the input set through port " + via[2]);
            }
        } finally {
            reader.interrupt();
            events.body().close();
        }
        for (RtcSession s : sessions) {
            s.page().context().close();
            contexts.remove(s.page().context());
        }
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
                + "; nodes' logs: " + nodes.stream().map(n -> n.lines().subList(Math.max(0, n.lines().size() - 12),
                n.lines().size())).toList());
        assertTrue(millis <= 3_000 + 1_000 + 1_500, "within the lease (3 s), a renewal and a margin: " + millis);
        System.out.println("fail-over after SIGKILL: " + millis + " ms");
    }

    @Test
    @Order(3)
    void redisGone_newSessionsAreRefused_runningOnesGoOn() throws Exception {
        Page running = pages.stream().filter(p -> state(p).equals("streaming")).findFirst().orElseThrow();
        redis.down();
        double before = ((Number) running.evaluate("riffle.stats.processed")).doubleValue();
        BrowserContext context = chromium.browser().newContext();
        contexts.add(context);
        Page refused = context.newPage();
        new RifflePage(refused).open("http://127.0.0.1:" + port + "/flip/?transport=websocket").startWebcam();
        refused.waitForFunction("() => riffle.server.messages.some(m => m.type === 'error'"
                + " && m.error && m.error.code === 'queue_unavailable')");
        running.waitForFunction("n => riffle.stats.processed > n + 10", before);
        assertEquals("streaming", state(running), "a running session goes on without Redis");

        redis.up();
        for (Daemon n : nodes) {
            if (n.process().isAlive()) {
                n.awaitLine(Pattern.compile("is reachable again"), Duration.ofSeconds(10));
            }
        }
        Page back = visitor();
        back.waitForFunction("() => ['streaming', 'waiting'].includes(riffle.server.state)", null,
                new Page.WaitForFunctionOptions().setTimeout(20_000));
    }
}
