package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.blocks.Dropdown;
import dev.riffle.blocks.NumberField;
import dev.riffle.blocks.Slider;
import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.server.engine.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile page or client cannot do: open sessions from a foreign origin, set inputs outside their component,
 * kill a handler thread with an Error, or learn the server's version.
 */
class HardeningTest {
    private RiffleServer server;
    private Stream inputs;

    @BeforeEach
    void start() {
        AtomicInteger frames = new AtomicInteger();
        inputs = Stream.video("inputs", () -> (in, out, args) -> {
            Filters.FLIP.create().handle(in, out, args);
            return AdditionalOutputs.of(args.number(0, -1));
        }).additionalInputs(Slider.of(10, 250).step(5).value(100).label("Edge threshold"),
                Dropdown.of("flip", "edges").value("flip").label("Transformation"),
                NumberField.create().label("Count"))
                .additionalOutputs(NumberField.create()).concurrencyLimit(null).build();
        server = RiffleServer.create()
                .mount("/inputs", inputs)
                .mount("/error", Stream.video("error", () -> (in, out, args) -> {
                    if (frames.incrementAndGet() == 1) {
                        throw new OutOfMemoryError("Java heap space (thrown by the test)");
                    }
                    Filters.FLIP.create().handle(in, out, args);
                    return null;
                }).concurrencyLimit(null).build())
                .mount("/echo", Stream.audio("echo", new AudioSocketTest.Echo()).maxOutputBacklog(
                        java.time.Duration.ofMillis(500)).concurrencyLimit(null).build())
                .allowedOrigins("https://app.example")
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    private int upgrade(String path, String origin) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            b.header("Origin", origin);
        }
        try {
            b.buildAsync(ws(path), new WebSocket.Listener() { }).join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private HttpResponse<String> post(String path, String origin, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aForeignOrigin_isRefused_onWebSocketsAndPosts_theServersOwnAndAllowedOnesAreNot() throws Exception {
        String own = "http://127.0.0.1:" + server.port();
        assertEquals(403, upgrade("/inputs/websocket", "http://evil.example"));
        assertEquals(403, upgrade("/inputs/websocket", "null"));
        assertEquals(403, upgrade("/inputs/websocket", "http://127.0.0.1:1"), "another port is another origin");
        assertEquals(101, upgrade("/inputs/websocket", own));
        assertEquals(101, upgrade("/inputs/websocket", "https://app.example"));
        assertEquals(101, upgrade("/inputs/websocket", null), "programs send no Origin");

        HttpResponse<String> foreign = post("/inputs/webrtc/offer", "http://evil.example", "{}");
        assertEquals(403, foreign.statusCode());
        assertEquals("origin_not_allowed", Wire.JSON.readTree(foreign.body()).get("meta").get("error").asText());
        assertEquals(400, post("/inputs/webrtc/offer", own, "{}").statusCode(), "same origin: on to the route");
        assertEquals(0, server.sessionCount());
    }

    @Test
    void inputValues_areCheckedAgainstTheirComponent_with422NamingTheInput() throws Exception {
        try (WsTestClient c = WsTestClient.connect(server, "/inputs")) {
            String id = c.start("raw").get("session_id").asText();
            String token = inputs.runtime().session(id).token();
            List<List<Object>> bad = List.of(
                    List.of("abc", "flip", 1), List.of(true, "flip", 1), List.of(-1e9, "flip", 1),
                    List.of(1e308, "flip", 1), List.of(12, "flip", 1), List.of(100, "cartoon", 1),
                    List.of(100, 7, 1), List.of(100, "flip", "many"));
            List<String> names = List.of("edge_threshold", "edge_threshold", "edge_threshold", "edge_threshold",
                    "edge_threshold", "transformation", "transformation", "count");
            for (int i = 0; i < bad.size(); i++) {
                HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/inputs/input_hook")).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(Wire.write(Map.of("webrtc_id", id,
                                "inputs", bad.get(i))))).build();
                HttpResponse<String> resp = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
                assertEquals(422, resp.statusCode(), bad.get(i) + ": " + resp.body());
                JsonNode error = Wire.JSON.readTree(resp.body()).get("error");
                assertEquals("invalid_input", error.get("code").asText());
                assertEquals(names.get(i), error.get("details").get("input").asText(), resp.body());
            }
            HttpRequest ok = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/inputs/input_hook")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(Wire.write(Map.of("webrtc_id", id,
                            "inputs", List.of(125, "edges", 3))))).build();
            assertEquals(200, HttpClient.newHttpClient().send(ok, HttpResponse.BodyHandlers.ofString()).statusCode());
            c.nextQueue("admitted");
            c.sendFrame(StreamSocketTest.scene(4, 4, 1), 1);
            assertEquals(125, c.next("outputs").get("values").get(0).asInt(), "valid inputs reach the handler");
        }
    }

    @Test
    void anErrorInAHandler_failsThatFrame_andSaysWhatItWas_theSessionGoesOn() {
        try (WsTestClient c = WsTestClient.connect(server, "/error")) {
            c.start("raw");
            c.nextQueue("admitted");
            c.sendFrame(StreamSocketTest.scene(4, 4, 1), 1);
            JsonNode error = c.next("error").get("error");
            assertEquals("handler_error", error.get("code").asText());
            assertTrue(error.get("message").asText().contains("OutOfMemoryError"), error.toString());
            c.sendFrame(StreamSocketTest.scene(4, 4, 1), 2);
            assertEquals(2, c.nextFrame().seq(), "the next frame is processed");
            assertEquals(1, server.sessionCount());
        }
    }

    /** An echo fed far faster than real time: its audio would queue without end; the stream ends instead. */
    @Test
    void aHandlerEmittingFasterThanRealTime_endsItsStreamWithOutputBacklog() {
        try (WsTestClient c = WsTestClient.connect(server, "/echo")) {
            c.start("pcm");
            c.nextQueue("admitted");
            // one second of audio in one message: echoed at once, it would wait a second to play; 0.5 s may wait
            c.send(AudioSocketTest.chunk(48_000, 1, AudioSocketTest.tone(48_000, 440, 0, 48_000, 0.3), 0));
            JsonNode error = c.next("error").get("error");
            assertEquals("output_backlog", error.get("code").asText());
            assertEquals("output_backlog", c.next("closed").get("code").asText());
            assertEquals(1011, c.awaitClose());
        }
    }

    @Test
    void noVersion_inTheServerHeader_orInErrorPages() throws Exception {
        HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/nothing/here.txt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertNull(missing.headers().firstValue("Server").orElse(null));
        assertFalse(missing.body().contains("Jetty"), missing.body());
        assertFalse(missing.body().contains("12.1"), missing.body());
    }
}
