package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.blocks.NumberField;
import dev.riffle.blocks.Slider;
import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.http.StreamRoutes;
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

/** The HTTP routes of a mounted stream: input hook, SSE updates, queue status, page - and their errors. */
class StreamRoutesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private RiffleServer server;
    private Stream stream;

    @BeforeEach
    void start() {
        stream = Stream.video("threshold", () -> (in, out, inputs) -> {
            Filters.FLIP.create().handle(in, out, inputs);
            return AdditionalOutputs.of(inputs.number(0, -1) * 2);
        }).additionalInputs(Slider.of(0, 1).step(0.01).value(0.3)).additionalOutputs(NumberField.create())
                .concurrencyLimit(null).build();
        server = RiffleServer.create().mount("/detect", stream).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String contentType, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> r) throws Exception {
        return Wire.JSON.readTree(r.body()).get("error").get("code").asText();
    }

    @Test
    void inputHookChangesTheNextFrameAndUpdatesStreamTheOutputs() throws Exception {
        try (WsTestClient c = WsTestClient.connect(server, "/detect")) {
            JsonNode session = c.start("raw");
            String id = session.get("session_id").asText();
            String token = session.get("token").asText();
            c.nextQueue("admitted");

            HttpRequest sse = HttpRequest.newBuilder(server.uri().resolve("/detect/updates?webrtc_id=" + id
                    + "&token=" + token)).build();
            HttpResponse<InputStream> events = http.send(sse, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, events.statusCode());
            assertTrue(events.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8));
            assertEquals(": connected", lines.readLine());

            HttpResponse<String> ok = post("/detect/input_hook", "application/json",
                    "{\"webrtc_id\":\"" + id + "\",\"inputs\":[0.75]}", token);
            assertEquals(200, ok.statusCode(), ok.body());
            c.sendFrame(StreamSocketTest.scene(8, 8, 1), 1);
            c.nextFrame();
            assertEquals(1.5, c.next("outputs").get("values").get(0).asDouble(), 1e-9);

            CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data: ")) {
                            return line.substring(6);
                        }
                    }
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("[1.5]", data.get(10, TimeUnit.SECONDS), "SSE carries the additional outputs");

            JsonNode status = Wire.JSON.readTree(http.send(HttpRequest.newBuilder(server.uri().resolve(
                    "/detect/queue?webrtc_id=" + id)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("admitted", status.get("session").get("state").asText());
            assertEquals(1, status.get("session").get("processed").asInt());
            assertEquals(1, status.get("admitted").asInt());
        }
    }

    @Test
    void javaApiSetsInputsAndStreamsOutputs() throws Exception {
        try (WsTestClient c = WsTestClient.connect(server, "/detect")) {
            String id = c.start("raw").get("session_id").asText();
            c.nextQueue("admitted");
            CompletableFuture<Object> seen = new CompletableFuture<>();
            stream.outputStream(id, outputs -> seen.complete(outputs.values().get(0)), () -> { });
            stream.setInput(id, 0.25);
            c.sendFrame(StreamSocketTest.scene(8, 8, 1), 1);
            assertEquals(0.5, (Double) seen.get(10, TimeUnit.SECONDS), 1e-9);
            assertEquals(java.util.List.of(id), stream.sessionIds());
        }
    }

    @Test
    void outputsComputedBeforeAnyoneSubscribed_reachTheFirstSubscriber_inOrder() throws Exception {
        try (WsTestClient c = WsTestClient.connect(server, "/detect")) {
            String id = c.start("raw").get("session_id").asText();
            c.nextQueue("admitted");
            stream.setInput(id, 0.25);
            c.sendFrame(StreamSocketTest.scene(8, 8, 1), 1);
            c.next("outputs"); // computed and sent to the page; no Java subscriber yet
            stream.setInput(id, 0.5);
            c.sendFrame(StreamSocketTest.scene(8, 8, 1), 2);
            c.next("outputs");
            java.util.List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            stream.outputStream(id, outputs -> seen.add(outputs.values().get(0)), () -> { });
            assertEquals(java.util.List.of(0.5, 1.0), seen, "both earlier outputs, oldest first, at once");
            CompletableFuture<Object> later = new CompletableFuture<>();
            stream.outputStream(id, outputs -> later.complete(outputs.values().get(0)), () -> { });
            stream.setInput(id, 1.0);
            c.sendFrame(StreamSocketTest.scene(8, 8, 1), 3);
            assertEquals(2.0, (Double) later.get(10, TimeUnit.SECONDS), 1e-9,
                    "a second subscriber hears only what comes after it");
        }
    }

    @Test
    void sessionRoutesRefuseOtherPeoplesSessionsAndBadRequests() throws Exception {
        try (WsTestClient c = WsTestClient.connect(server, "/detect")) {
            JsonNode session = c.start("raw");
            String id = session.get("session_id").asText();
            String token = session.get("token").asText();
            String body = "{\"webrtc_id\":\"" + id + "\",\"inputs\":[0.5]}";

            HttpResponse<String> noToken = post("/detect/input_hook", "application/json", body, null);
            assertEquals(403, noToken.statusCode());
            assertEquals("forbidden", code(noToken));
            HttpResponse<String> wrongToken = post("/detect/input_hook", "application/json", body, id);
            assertEquals(403, wrongToken.statusCode());
            assertEquals(403, get("/detect/updates?webrtc_id=" + id + "&token=nope").statusCode());
            assertEquals(403, get("/detect/queue?webrtc_id=" + id).statusCode());

            HttpResponse<String> unknown = post("/detect/input_hook", "application/json",
                    "{\"webrtc_id\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"inputs\":[0.5]}", token);
            assertEquals(404, unknown.statusCode());
            assertEquals("unknown_session", code(unknown));
            assertEquals(404, post("/detect/input_hook", "application/json",
                    "{\"webrtc_id\":\"../../etc\",\"inputs\":[0.5]}", token).statusCode());

            HttpResponse<String> malformed = post("/detect/input_hook", "application/json", "{\"webrtc_id\":", token);
            assertEquals(400, malformed.statusCode());
            assertEquals("bad_json", code(malformed));
            HttpResponse<String> wrongShape = post("/detect/input_hook", "application/json",
                    "{\"webrtc_id\":\"" + id + "\",\"inputs\":[1, 2]}", token);
            assertEquals(400, wrongShape.statusCode());
            assertEquals("bad_request", code(wrongShape));
            assertEquals(400, post("/detect/input_hook", "application/json", "[]", token).statusCode());
            HttpResponse<String> huge = post("/detect/input_hook", "application/json",
                    "{\"webrtc_id\":\"" + id + "\",\"pad\":\"" + "x".repeat(StreamRoutes.MAX_BODY) + "\"}", token);
            assertEquals(413, huge.statusCode());
            assertEquals("payload_too_large", code(huge));
            HttpResponse<String> text = post("/detect/input_hook", "text/plain", body, token);
            assertEquals(415, text.statusCode());
            HttpResponse<String> wrongMethod = get("/detect/input_hook");
            assertEquals(405, wrongMethod.statusCode());
            assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
            HttpResponse<String> noRoute = get("/detect/nope");
            assertEquals(404, noRoute.statusCode());
            assertEquals("not_found", code(noRoute));

            assertEquals(200, post("/detect/input_hook", "application/json", body, token).statusCode(),
                    "the owner still gets through after all that");
        }
    }

    @Test
    void endedSessionsAreUnknown() throws Exception {
        String id;
        String token;
        try (WsTestClient c = WsTestClient.connect(server, "/detect")) {
            JsonNode session = c.start("raw");
            id = session.get("session_id").asText();
            token = session.get("token").asText();
            c.send("{\"type\":\"stop\"}");
            c.awaitClose();
        }
        HttpResponse<String> r = post("/detect/input_hook", "application/json",
                "{\"webrtc_id\":\"" + id + "\",\"inputs\":[0.5]}", token);
        assertEquals(404, r.statusCode());
        assertEquals("unknown_session", code(r));
    }

    @Test
    void queueStatusAndPageAreServed() throws Exception {
        JsonNode status = Wire.JSON.readTree(get("/detect/queue").body());
        assertEquals("threshold", status.get("stream").asText());
        assertEquals(0, status.get("waiting").asInt());
        HttpResponse<String> page = get("/detect/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("\"server\":\"/detect\""), page.body());
        assertTrue(page.body().contains(RiffleServer.CLIENT_BASE + "lite-page.js"));
        HttpResponse<String> client = get(RiffleServer.CLIENT_BASE + "lite-page.js");
        assertEquals(200, client.statusCode());
        HttpResponse<String> wasm = get(RiffleServer.CLIENT_BASE + "wasm/riffle-lite.wasm");
        assertEquals("application/wasm", wasm.headers().firstValue("Content-Type").orElse(""));
        assertEquals(URI.create(server.uri() + "detect/").getPath(), "/detect/");
    }
}
