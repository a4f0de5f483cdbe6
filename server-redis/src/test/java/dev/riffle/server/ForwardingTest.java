package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.blocks.NumberField;
import dev.riffle.blocks.Slider;
import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.redis.RedisQueues;
import dev.riffle.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sharing a real Redis: requests about a session that reach the node which does not serve it - the input
 * hook, the outputs stream, the session's queue status, a trickled candidate - are answered by the node that does,
 * through the other; an offer is answered by the less loaded node.
 */
class ForwardingTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private RedisServer redis;
    private RiffleServer a;
    private RiffleServer b;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        a = node("a");
        b = node("b");
    }

    @AfterEach
    void stop() throws Exception {
        b.close();
        a.close();
        redis.close();
    }

    private RiffleServer node(String name) {
        Stream stream = Stream.video("threshold", () -> (in, out, inputs) -> {
            Filters.FLIP.create().handle(in, out, inputs);
            return AdditionalOutputs.of(inputs.number(0, -1) * 2);
        }).additionalInputs(Slider.of(0, 1).step(0.01).value(0.3)).additionalOutputs(NumberField.create())
                .concurrencyLimit(null).build();
        return RiffleServer.create().queue(RedisQueues.connect(redis.uri()).node(name)).mount("/detect", stream)
                .start();
    }

    private HttpResponse<String> get(RiffleServer node, String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(node.uri().resolve(path));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RiffleServer node, String path, String json, String... headers)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(node.uri().resolve(path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> r) throws Exception {
        return Wire.JSON.readTree(r.body()).path("error").path("code").asText();
    }

    @Test
    void sessionRoutesSentToTheOtherNode_reachTheSession() throws Exception {
        try (WsTestClient c = WsTestClient.connect(a, "/detect")) {
            JsonNode session = c.start("raw");
            String id = session.get("session_id").asText();
            String token = session.get("token").asText();
            c.nextQueue("admitted");

            // the outputs stream, opened on node b
            HttpResponse<InputStream> events = http.send(HttpRequest.newBuilder(b.uri().resolve(
                    "/detect/outputs?webrtc_id=" + id + "&token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, events.statusCode());
            assertEquals("a", events.headers().firstValue("Riffle-Node").orElse(null), "answered by the owner");
            assertTrue(events.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8));
            assertEquals(": connected", lines.readLine());

            // set_input through node b
            HttpResponse<String> ok = post(b, "/detect/input_hook", "{\"webrtc_id\":\"" + id
                    + "\",\"inputs\":[0.75]}", "Authorization", "Bearer " + token);
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("a", ok.headers().firstValue("Riffle-Node").orElse(null));
            c.sendFrame(StreamSocketTest.scene(8, 8, 1), 1);
            c.nextFrame();
            assertEquals(1.5, c.next("outputs").get("values").get(0).asDouble(), 1e-9, "the new input was used");
            CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("data: ")) {
                            return line.substring(6);
                        }
                    }
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("1.5", data.get(10, TimeUnit.SECONDS), "the outputs came through node b");

            HttpResponse<String> status = get(b, "/detect/queue?webrtc_id=" + id, token);
            assertEquals(200, status.statusCode(), status.body());
            JsonNode s = Wire.JSON.readTree(status.body()).get("session");
            assertEquals("admitted", s.get("state").asText());
            assertEquals(1, s.get("processed").asInt());

            // a client that claims to be a node (without the cluster's key) is forwarded like any other
            HttpResponse<String> posing = http.send(HttpRequest.newBuilder(b.uri().resolve("/detect/queue?webrtc_id="
                    + id)).header("Authorization", "Bearer " + token).header("Riffle-Forwarded-By", "a").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posing.statusCode(), posing.body());
            assertEquals("a", posing.headers().firstValue("Riffle-Node").orElse(null));

            HttpResponse<String> wrongToken = get(b, "/detect/queue?webrtc_id=" + id, "not-the-token");
            assertEquals(403, wrongToken.statusCode(), "the owner checks the token: " + wrongToken.body());
            assertEquals("a", wrongToken.headers().firstValue("Riffle-Node").orElse(null));
            HttpResponse<String> unknown = get(b, "/detect/queue?webrtc_id=AAAAAAAAAAAAAAAAAAAAAA", token);
            assertEquals(404, unknown.statusCode());
            assertEquals("unknown_session", code(unknown));
            assertEquals("b", unknown.headers().firstValue("Riffle-Node").orElse(null), "no node has it");
        }
        // the session ended: its id is forgotten by the directory at once
        String gone = post(b, "/detect/input_hook", "{\"webrtc_id\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"inputs\":[1]}")
                .body();
        assertTrue(gone.contains("unknown_session"), gone);
    }

    @Test
    void anOfferGoesToTheLessLoadedNode_andItsCandidatesAndInputsFollowIt() throws Exception {
        try (WsTestClient busy = WsTestClient.connect(a, "/detect"); RtcTestClient rtc = new RtcTestClient()) {
            busy.start("raw");
            busy.nextQueue("admitted"); // node a streams one session, node b none

            String webrtcId = "f" + Long.toString(System.nanoTime() % 1_000_000, 36); // a FastRTC client's id: bound to its address
            // from node a's own page: its origin is checked there, not again by node b (whose host differs)
            HttpResponse<String> answer = post(a, "/detect/webrtc/offer", Wire.write(java.util.Map.of("sdp",
                    rtc.offer(), "type", "offer", "webrtc_id", webrtcId)), "Origin", "http://127.0.0.1:" + a.port());
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("b", answer.headers().firstValue("Riffle-Node").orElse(null), "the less loaded node");
            rtc.applyAnswer(Wire.JSON.readTree(answer.body()).get("sdp").asText());
            rtc.connected.get(10, TimeUnit.SECONDS);
            assertEquals(1, b.sessionCount(), "node b holds the media");
            assertEquals(1, a.sessionCount());

            // a trickled candidate and the inputs posted to node a reach node b's session
            HttpResponse<String> candidate = post(a, "/detect/webrtc/offer", Wire.write(java.util.Map.of("type",
                    "ice-candidate", "webrtc_id", webrtcId, "candidate", java.util.Map.of("candidate",
                    "candidate:1 1 udp 2122260223 127.0.0.1 9 typ host", "sdpMid", "0", "sdpMLineIndex", 0))));
            assertEquals(200, candidate.statusCode(), candidate.body());
            assertEquals("b", candidate.headers().firstValue("Riffle-Node").orElse(null));
            HttpResponse<String> inputs = post(a, "/detect/input_hook", "{\"webrtc_id\":\"" + webrtcId
                    + "\",\"input_0\":0.5}");
            assertEquals(200, inputs.statusCode(), inputs.body());
            assertEquals("b", inputs.headers().firstValue("Riffle-Node").orElse(null));

            // the client's address comes with the request only when the cluster's key does
            String key;
            RedisClient client = RedisClient.create(redis.uri());
            try (var connection = client.connect()) {
                key = connection.sync().get("riffle:cluster:key");
            } finally {
                client.shutdown();
            }
            String body = "{\"webrtc_id\":\"" + webrtcId + "\",\"inputs\":[0.5]}";
            assertEquals(200, post(b, "/detect/input_hook", body, "Riffle-Client-Address", "10.9.9.9",
                    "Riffle-Cluster-Key", "a guess").statusCode(), "without the key the header is ignored");
            HttpResponse<String> elsewhere = post(b, "/detect/input_hook", body, "Riffle-Forwarded-By", "a",
                    "Riffle-Client-Address", "10.9.9.9", "Riffle-Cluster-Key", key);
            assertEquals(403, elsewhere.statusCode(), "with it, the forwarded address counts: " + elsewhere.body());
        }
    }

    @Test
    void aCandidateThatComesBeforeItsOffer_waitsForTheOffersNode() throws Exception {
        try (RtcTestClient rtc = new RtcTestClient()) {
            String webrtcId = "early" + Long.toString(System.nanoTime() % 1_000_000, 36);
            String offer = Wire.write(java.util.Map.of("sdp", rtc.offer(), "type", "offer", "webrtc_id", webrtcId));
            // FastRTC's client posts candidates alongside its offer; here the candidate reaches node b first
            CompletableFuture<HttpResponse<String>> candidate = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(b, "/detect/webrtc/offer", Wire.write(java.util.Map.of("type", "ice-candidate",
                            "webrtc_id", webrtcId, "candidate", java.util.Map.of("candidate",
                            "candidate:1 1 udp 2122260223 127.0.0.1 9 typ host", "sdpMid", "0", "sdpMLineIndex", 0))));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200); // the candidate is on its way first: what this test is about, not a synchronisation
            HttpResponse<String> answer = post(a, "/detect/webrtc/offer", offer);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("a", answer.headers().firstValue("Riffle-Node").orElse(null));
            HttpResponse<String> c = candidate.get(10, TimeUnit.SECONDS);
            assertEquals(200, c.statusCode(), c.body());
            assertEquals("a", c.headers().firstValue("Riffle-Node").orElse(null), "the candidate went to the offer's node");
        }
    }

    @Test
    void aForwardedOutputsStream_endsWhenItsOwnerFallsSilent() throws Exception {
        // an owner whose host vanished without a word: it answered the stream's headers, then nothing - not even the
        // comment line a live node writes every 15 s
        try (java.net.ServerSocket ghost = new java.net.ServerSocket(0, 10,
                java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (java.net.Socket s = ghost.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\nd\r\n: connected\n\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().read(); // silent until the relay gives up and closes
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            RedisClient client = RedisClient.create(redis.uri());
            try (var connection = client.connect()) {
                connection.sync().set("riffle:owner:/detect:ghostsession", "ghost",
                        io.lettuce.core.SetArgs.Builder.px(60_000));
                connection.sync().hset("riffle:nodes", "ghost", "http://127.0.0.1:" + ghost.getLocalPort()
                        + " 0 0 " + System.currentTimeMillis());
            } finally {
                client.shutdown();
            }
            System.setProperty("riffle.forward.silence", "PT1S");
            try {
                HttpResponse<InputStream> events = http.send(HttpRequest.newBuilder(b.uri().resolve(
                        "/detect/outputs?webrtc_id=ghostsession&token=t")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, events.statusCode());
                BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(),
                        StandardCharsets.UTF_8));
                assertEquals(": connected", lines.readLine());
                CompletableFuture<String> end = CompletableFuture.supplyAsync(() -> {
                    try {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            if (!line.isEmpty()) {
                                return line;
                            }
                        }
                        return "end";
                    } catch (java.io.IOException e) {
                        return "end";
                    }
                });
                assertEquals("end", end.get(10, TimeUnit.SECONDS), "the relay ended after the owner's silence");
                served.get(10, TimeUnit.SECONDS);
            } finally {
                System.clearProperty("riffle.forward.silence");
            }
        }
    }

    @Test
    void anOfferRefusedWhileRedisIsDown_leavesNoClaimBehind() throws Exception {
        try (RtcTestClient rtc = new RtcTestClient()) {
            String webrtcId = "down" + Long.toString(System.nanoTime() % 1_000_000, 36);
            String offer = Wire.write(java.util.Map.of("sdp", rtc.offer(), "type", "offer", "webrtc_id", webrtcId));
            redis.down();
            HttpResponse<String> refused = post(a, "/detect/webrtc/offer", offer);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("queue_unavailable", code(refused));
            redis.up();
            RedisClient client = RedisClient.create(redis.uri());
            try (var connection = client.connect()) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (connection.sync().hget("riffle:nodes", "a") == null && System.nanoTime() < end) {
                    Thread.sleep(50); // node a's first renewal after the restart: it writes every id it holds
                }
                assertTrue(connection.sync().hget("riffle:nodes", "a") != null, "node a renewed");
                assertEquals(null, connection.sync().get("riffle:owner:/detect:" + webrtcId),
                        "the refused offer's id is not held by node a");
            } finally {
                client.shutdown();
            }
        }
    }
}
