package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.blocks.NumberField;
import dev.riffle.blocks.Slider;
import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.server.engine.StreamSession;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.wire.MuLaw;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client written from FastRTC's documentation works unchanged: trickle ICE before the answer, sessions named by
 * the client's webrtc_id, inputs by name, the /outputs stream, the data channel's "handshake", FastRTC's error
 * form, its WebSocket protocol; and WebRTC sessions behave as the seeds say (stream_every, a client that closes
 * without a data channel frees its slot at once, a second data channel harms nothing).
 */
class FastRtcCompatTest {
    /** 16 hex characters: 64 bits, a secret id. */
    private static final String SECRET_ID = "0123456789abcdef";
    private RiffleServer server;
    private Stream threshold;

    @BeforeEach
    void start() {
        threshold = Stream.video("threshold", () -> (in, out, inputs) -> {
            Filters.FLIP.create().handle(in, out, inputs);
            return AdditionalOutputs.of(inputs.number(0, -1));
        }).additionalInputs(Slider.of(0, 1).step(0.05).value(0.3).label("Confidence threshold"))
                .additionalOutputs(NumberField.create()).concurrencyLimit(null).build();
        server = RiffleServer.create()
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build())
                .mount("/one", Stream.video(Filters.FLIP).concurrencyLimit(1).timeLimit(Duration.ofSeconds(20))
                        .build())
                .mount("/refuse", Stream.video(Filters.FLIP).concurrencyLimit(1).queueOverLimit(false).build())
                .mount("/threshold", threshold)
                .mount("/every", Stream.video(Filters.FLIP).streamEvery(0.25).concurrencyLimit(null).build())
                .mount("/echo", Stream.audio("echo", new AudioSocketTest.Echo()).sampleRate(24_000)
                        .concurrencyLimit(null).build())
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Wire.JSON.readTree(r.body());
    }

    private HttpResponse<String> postJson(String route, Object body) throws Exception {
        return RtcTestClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + route))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Wire.write(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String route) throws Exception {
        return RtcTestClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + route))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The candidate lines of an SDP, as FastRTC's client posts them ({@code candidate.toJSON()}). */
    private static List<Map<String, Object>> candidates(String sdp) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("a=candidate:")) {
                out.add(Map.of("candidate", line.substring(2), "sdpMid", "0", "sdpMLineIndex", 0));
            }
        }
        return out;
    }

    @Test
    void candidatesTrickledBeforeTheAnswer_areAccepted_andTheConnectionComesUp() throws Exception {
        try (RtcTestClient client = new RtcTestClient()) {
            String sdp = client.offer();
            List<Map<String, Object>> found = candidates(sdp);
            assertFalse(found.isEmpty(), "the offer has candidates to trickle");
            String bare = String.join("\r\n", java.util.Arrays.stream(sdp.split("\r\n"))
                    .filter(l -> !l.startsWith("a=candidate:")).toList()) + "\r\n";
            String id = "trickle" + SECRET_ID;
            CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return postJson("/flip/webrtc/offer", Map.of("sdp", bare, "type", "offer", "webrtc_id", id));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // as FastRTC's client: the candidates go out while the offer is being answered, without any token
            int accepted = 0;
            for (Map<String, Object> c : found) {
                HttpResponse<String> r;
                do {
                    r = postJson("/flip/webrtc/offer", Map.of("type", "ice-candidate", "webrtc_id", id,
                            "candidate", c));
                } while (r.statusCode() == 404 && !answer.isDone());
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("success", json(r).get("status").asText());
                accepted++;
            }
            HttpResponse<String> a = answer.get(15, TimeUnit.SECONDS);
            assertEquals(200, a.statusCode(), a.body());
            assertEquals(found.size(), accepted);
            client.applyAnswer(json(a).get("sdp").asText());
            client.connected.get(10, TimeUnit.SECONDS);
            HttpResponse<String> late = postJson("/flip/webrtc/offer", Map.of("type", "ice-candidate",
                    "webrtc_id", id, "candidate", found.get(0)));
            assertEquals(200, late.statusCode(), "a secret id needs no token: " + late.body());
            HttpResponse<String> garbage = postJson("/flip/webrtc/offer", Map.of("type", "ice-candidate",
                    "webrtc_id", id, "candidate", Map.of("candidate", "hello")));
            assertEquals(400, garbage.statusCode());
            assertEquals("invalid_candidate_format", json(garbage).get("meta").get("error").asText());
        }
    }

    @Test
    void errors_carryTheRealStatus_andFastRtcsFailedForm() throws Exception {
        try (RtcTestClient first = new RtcTestClient(); RtcTestClient second = new RtcTestClient()) {
            first.connect(server, "/flip", "dup" + SECRET_ID);
            HttpResponse<String> r = postJson("/flip/webrtc/offer", Map.of("sdp", second.offer(), "type", "offer",
                    "webrtc_id", "dup" + SECRET_ID));
            assertEquals(409, r.statusCode());
            JsonNode body = json(r);
            assertEquals("failed", body.get("status").asText());
            assertEquals("connection_already_exists", body.get("meta").get("error").asText());
            assertEquals("connection_already_exists", body.get("error").get("code").asText());
        }
    }

    @Test
    void aStreamThatRefusesOverItsLimit_answersConcurrencyLimitReached_withTheLimit() throws Exception {
        try (RtcTestClient first = new RtcTestClient(); RtcTestClient second = new RtcTestClient()) {
            first.connect(server, "/refuse", "first" + SECRET_ID);
            HttpResponse<String> r = postJson("/refuse/webrtc/offer", Map.of("sdp", second.offer(), "type",
                    "offer", "webrtc_id", "second" + SECRET_ID));
            assertEquals(503, r.statusCode(), r.body());
            JsonNode meta = json(r).get("meta");
            assertEquals("concurrency_limit_reached", meta.get("error").asText());
            assertEquals(1, meta.get("limit").asInt());
            WebRtcTest.awaitCount(server::sessionCount, 1);
            WebRtcTest.awaitCount(server::openPeerConnections, 1);
        }
    }

    @Test
    void aFastRtcClientWaitingInLine_isToldSoInAWarning() throws Exception {
        try (RtcTestClient first = new RtcTestClient(); RtcTestClient second = new RtcTestClient()) {
            first.connect(server, "/one", "first" + SECRET_ID);
            first.connected.get(10, TimeUnit.SECONDS);
            second.connect(server, "/one", "second" + SECRET_ID);
            second.connected.get(10, TimeUnit.SECONDS);
            JsonNode warning = second.next("warning");
            assertTrue(warning.get("message").asText().contains("position 1"), warning.toString());
            assertEquals(warning.get("message"), warning.get("data"));
        }
    }

    @Test
    void theHandshakeText_isAnsweredWithALog_notAnError() throws Exception {
        try (RtcTestClient client = new RtcTestClient()) {
            client.connect(server, "/flip", "hands" + SECRET_ID);
            client.connected.get(10, TimeUnit.SECONDS);
            client.next("queue");
            client.send("handshake");
            JsonNode log = client.next("log");
            assertEquals("Server received: handshake", log.get("data").asText());
            assertTrue(client.messages.stream().noneMatch(m -> m.path("type").asText().equals("error")),
                    client.messages.toString());
        }
    }

    @Test
    void inputsByWebrtcIdAndName_reachTheHandler_andOutputsComeOnTheOutputsStream() throws Exception {
        try (RtcTestClient client = new RtcTestClient()) {
            String id = "named" + SECRET_ID;
            client.connect(server, "/threshold", id);
            client.connected.get(10, TimeUnit.SECONDS);
            HttpResponse<String> set = postJson("/threshold/input_hook", Map.of("webrtc_id", id,
                    "confidence_threshold", 0.75));
            assertEquals(200, set.statusCode(), set.body());
            HttpResponse<String> unknown = postJson("/threshold/input_hook", Map.of("webrtc_id", id,
                    "conf", 0.5));
            assertEquals(422, unknown.statusCode());
            assertEquals("unknown_input", json(unknown).get("meta").get("error").asText());
            assertTrue(json(unknown).get("error").get("message").asText().contains("confidence_threshold"));
            HttpResponse<String> foreign = postJson("/threshold/input_hook", Map.of("webrtc_id", "someone-else",
                    "confidence_threshold", 0.5));
            assertEquals(404, foreign.statusCode());

            HttpResponse<InputStream> sse = RtcTestClient.HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/threshold/outputs?webrtc_id=" + id)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, sse.statusCode());
            CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(sse.body(),
                        StandardCharsets.UTF_8))) {
                    String event = null;
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("event: ")) {
                            event = line.substring(7);
                        } else if (line.startsWith("data: ") && "output".equals(event)) {
                            return line.substring(6);
                        }
                    }
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < 300 && !data.isDone(); i++) {
                client.push(WebRtcTest.halves(320, 240));
                Thread.sleep(33);
            }
            assertEquals("0.75", data.get(1, TimeUnit.SECONDS), "one output, sent as itself (FastRTC's args[0])");
        }
    }

    @Test
    void aShortWebrtcId_standsForItsSession_onlyFromTheAddressThatOpenedIt() throws Exception {
        try (RtcTestClient client = new RtcTestClient()) {
            client.connect(server, "/threshold", "x7k2q9");
            StreamSession s = threshold.runtime().session("x7k2q9");
            assertTrue(s.authorizes(null, "x7k2q9", "127.0.0.1"));
            assertFalse(s.authorizes(null, "x7k2q9", "10.1.2.3"), "another machine needs the token");
            assertTrue(s.authorizes(s.token(), "x7k2q9", "10.1.2.3"));
        }
    }

    @Test
    void queueStatus_countsTheTimeLeftDown() throws Exception {
        try (RtcTestClient client = new RtcTestClient()) {
            String id = "queue" + SECRET_ID;
            client.connect(server, "/one", id);
            client.connected.get(10, TimeUnit.SECONDS);
            client.next("queue");
            double first = json(get("/one/queue?webrtc_id=" + id)).get("session").get("remaining").asDouble();
            Thread.sleep(1200); // time has to pass for a countdown; nothing else is awaited
            double later = json(get("/one/queue?webrtc_id=" + id)).get("session").get("remaining").asDouble();
            assertTrue(later <= first - 1, "remaining went from " + first + " to " + later);
        }
    }

    @Test
    void aClientWithoutDataChannel_closingItsConnection_freesItsSlotAtOnce() throws Exception {
        RtcTestClient client = new RtcTestClient(0);
        client.connect(server, "/one", "nochannel" + SECRET_ID);
        client.connected.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 10; i++) {
            client.push(WebRtcTest.halves(320, 240));
            Thread.sleep(33);
        }
        assertEquals(1, server.sessionCount());
        long closedAt = System.nanoTime();
        client.close();
        long deadline = closedAt + TimeUnit.SECONDS.toNanos(15);
        while (server.sessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long millis = (System.nanoTime() - closedAt) / 1_000_000;
        assertEquals(0, server.sessionCount());
        // before, only ICE's consent timeout (5-10 s) and the disconnected grace (5 s) noticed such a client
        assertTrue(millis < 3000, "slot freed " + millis + " ms after the client closed");
        try (RtcTestClient next = new RtcTestClient(0)) {
            next.connect(server, "/one", "nochannel" + SECRET_ID);
            next.connected.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondDataChannel_harmsNothing() throws Exception {
        try (RtcTestClient client = new RtcTestClient(2)) {
            client.connect(server, "/flip", "two" + SECRET_ID);
            client.connected.get(10, TimeUnit.SECONDS);
            assertEquals("admitted", client.next("queue").get("state").asText());
            var out = (dev.riffle.media.VideoFrame) null;
            for (int i = 0; i < 300 && out == null; i++) {
                client.push(WebRtcTest.halves(320, 240));
                out = client.frames.poll(33, TimeUnit.MILLISECONDS);
            }
            assertNotNull(out, "frames still flow");
        }
        WebRtcTest.awaitCount(server::openPeerConnections, 0);
    }

    @Test
    void streamEvery_isHonouredOverWebRtc() throws Exception {
        try (RtcTestClient client = new RtcTestClient()) {
            String id = "every" + SECRET_ID;
            client.connect(server, "/every", id);
            client.connected.get(10, TimeUnit.SECONDS);
            client.next("queue");
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) { // 2 s at 30 frames a second
                client.push(WebRtcTest.halves(320, 240));
                Thread.sleep(33);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonNode s = json(get("/every/queue?webrtc_id=" + id)).get("session");
            long processed = s.get("processed").asLong();
            assertTrue(processed >= 3 && processed <= seconds / 0.25 + 2, "stream_every 0.25 s over "
                    + seconds + " s let " + processed + " frames through: " + s);
            assertTrue(s.get("skipped_by_stream_every").asLong() > processed, s.toString());
        }
    }

    @Test
    void fastRtcsWebSocketProtocol_carriesMuLawAudioBothWays() throws Exception {
        String id = "ws" + SECRET_ID;
        WsTestClient ws = new WsTestClient(URI.create("ws://127.0.0.1:" + server.port() + "/echo/websocket/offer"));
        try {
            ws.send(Wire.write(Map.of("event", "start", "websocket_id", id)));
            ws.send("{\"event\": \"ping\"}");
            // 440 Hz at the handler's 24 kHz, 20 ms at a time, as mu-law
            int sent = 0;
            JsonNode media = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean pong = false;
            while (media == null && System.nanoTime() < deadline) {
                short[] tone = AudioSocketTest.tone(24_000, 440, sent, 480, 0.5);
                sent += 480;
                ws.send(Wire.write(Map.of("event", "media", "media", Map.of("payload",
                        Base64.getEncoder().encodeToString(MuLaw.encode(tone))))));
                JsonNode m = ws.texts.poll(20, TimeUnit.MILLISECONDS);
                while (m != null) {
                    pong |= "pong".equals(m.path("event").asText());
                    if ("media".equals(m.path("event").asText())) {
                        media = m;
                    }
                    m = media == null ? ws.texts.poll() : null;
                }
            }
            assertNotNull(media, "the echo came back as a media event");
            short[] back = MuLaw.decode(Base64.getDecoder().decode(media.get("media").get("payload").asText()));
            assertEquals(480, back.length, "20 ms at 24 kHz");
            double rms = 0;
            for (short v : back) {
                rms += (double) v * v;
            }
            rms = Math.sqrt(rms / back.length) / 32768;
            assertEquals(0.5 / Math.sqrt(2), rms, 0.05, "the tone's level survived the round trip");
            assertTrue(pong || ws.texts.stream().anyMatch(m -> "pong".equals(m.path("event").asText())));
            assertEquals(1, server.sessionCount());
            ws.send("{\"event\": \"stop\"}");
            assertEquals(1000, ws.closeCode.get(10, TimeUnit.SECONDS));
            WebRtcTest.awaitCount(server::sessionCount, 0);
        } finally {
            ws.close();
        }
        WsTestClient video = new WsTestClient(URI.create("ws://127.0.0.1:" + server.port()
                + "/flip/websocket/offer"));
        try {
            video.send(Wire.write(Map.of("event", "start", "websocket_id", id)));
            JsonNode refusal = video.texts.poll(10, TimeUnit.SECONDS);
            assertNotNull(refusal);
            assertEquals("failed", refusal.get("status").asText());
            assertEquals("unsupported_transport", refusal.get("meta").get("error").asText());
        } finally {
            video.close();
        }
    }

    @Test
    void muLaw_roundTripsWithinItsStep_andKeepsSilenceExact() {
        assertEquals(0, MuLaw.decode(MuLaw.encode((short) 0)));
        for (int v = -32768; v <= 32767; v += 7) {
            short back = MuLaw.decode(MuLaw.encode((short) v));
            int step = Math.max(8, Math.abs(v) / 16);
            assertTrue(Math.abs(back - v) <= step, v + " came back as " + back);
        }
    }
}
