package dev.riffle.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import dev.riffle.server.RiffleMount;
import dev.riffle.server.Stream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The starter in a Spring Boot app on Jetty (the example app covers Tomcat): Stream beans mounted by bean name or at
 * a {@code riffle.streams.<bean>.path}, under the context path, with their WebSockets; {@code riffle.*} properties
 * applied (allowed origins, WebRTC off); a customizer's own mount.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.servlet.context-path=/ctx", "server.address=127.0.0.1", "riffle.streams.flip.path=/filters/flip",
    "riffle.allowed-origins=http://ok.example", "riffle.webrtc.enabled=false", "riffle.max-queue-size=7",
    "riffle.default-concurrency-limit=3", "riffle.default-time-limit=45s"})
class RiffleAutoConfigurationTest {
    @SpringBootApplication
    static class App {
        @Bean
        Stream flip() {
            return Stream.video(Filters.FLIP).build();
        }

        @Bean
        Stream edges() {
            return Stream.video(Filters.EDGES).concurrencyLimit(1).build();   // its own limit stays
        }

        @Bean
        RiffleMountCustomizer more() {
            return mount -> mount.mount("/by-hand", Stream.video(Filters.IDENTITY).build());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    RiffleMount riffle;

    @Autowired
    jakarta.servlet.ServletContext servletContext;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ctx" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void streamBeans_areMountedByNameOrProperty_andACustomizersToo() throws Exception {
        assertTrue(servletContext.getServerInfo().toLowerCase(java.util.Locale.ROOT).contains("jetty"),
                servletContext.getServerInfo());
        assertEquals(java.util.List.of("/filters/flip", "/edges", "/by-hand"), riffle.paths().subList(0, 3));
        for (String path : new String[] {"/filters/flip/", "/edges/", "/by-hand/"}) {
            HttpResponse<String> page = get(path);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.body().contains("/ctx/frontend/riffle/lite-page.js"), "the client under /ctx: " + path);
        }
        assertEquals(200, get("/frontend/riffle/lite-page.js").statusCode());
        assertTrue(riffle.isRunning());
    }

    @Test
    void defaultLimits_applyWhereAStreamChoseNone() throws Exception {
        String flip = get("/filters/flip/queue").body();
        assertTrue(flip.contains("\"concurrency_limit\":3") && flip.contains("\"time_limit\":45"), flip);
        String edges = get("/edges/queue").body();
        assertTrue(edges.contains("\"concurrency_limit\":1") && edges.contains("\"time_limit\":45"), edges);
    }

    @Test
    void webrtcOff_offersAre503() throws Exception {
        HttpResponse<String> offer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/ctx/edges/webrtc/offer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sdp\":\"v=0\",\"type\":\"offer\",\"webrtc_id\":\"a\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, offer.statusCode(), offer.body());
        assertTrue(offer.body().contains("webrtc_unavailable"), offer.body());
    }

    @Test
    void theWebSocket_takesTheAllowedOrigin_andRefusesOthers() throws Exception {
        assertEquals("session", exchange("http://ok.example"), "an allowed origin starts a session");
        assertEquals("error", exchange("http://evil.example"), "another origin is refused");
    }

    @Test
    void theOutputsStream_isServedThroughTheMount() throws Exception {
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket ws = textSocket(http.newWebSocketBuilder().header("Origin", "http://ok.example"),
                URI.create("ws://127.0.0.1:" + port + "/ctx/filters/flip/websocket"), messages);
        try {
            ws.sendText("{\"type\":\"start\",\"format\":\"raw\"}", true).get(10, TimeUnit.SECONDS);
            String session = awaitText(messages, "\"type\":\"session\"");
            String id = session.replaceAll(".*\"session_id\":\"([^\"]+)\".*", "$1");
            String token = session.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            // server-sent events are asynchronous: every filter in front of the route must allow it
            HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/ctx/filters/flip/outputs?webrtc_id=" + id + "&token=" + token))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    events.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                assertEquals(200, events.statusCode());
                assertEquals(": connected", lines.readLine());
            }
        } finally {
            ws.abort();
        }
    }

    /** Opens the stream's WebSocket from a page at {@code origin}, sends start, and returns the first reply's type. */
    private String exchange(String origin) throws Exception {
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket ws = textSocket(http.newWebSocketBuilder().header("Origin", origin),
                URI.create("ws://127.0.0.1:" + port + "/ctx/filters/flip/websocket"), messages);
        try {
            try {
                ws.sendText("{\"type\":\"start\",\"format\":\"raw\"}", true).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException refusedAlready) {
                // a refused origin's socket is closed by the server right after its error: nothing to start
            }
            String first = messages.poll(10, TimeUnit.SECONDS);
            assertTrue(first != null, "a reply");
            return first.replaceAll("(?s)^\\{\"type\":\"([a-z_]+)\".*", "$1");
        } finally {
            ws.abort();
        }
    }

    /** A WebSocket whose whole text messages go to {@code messages}. */
    static WebSocket textSocket(WebSocket.Builder builder, URI uri, LinkedBlockingQueue<String> messages)
            throws Exception {
        return builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    messages.add(text.toString());
                    text.setLength(0);
                }
                socket.request(1);
                return CompletableFuture.completedFuture(null);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** The next text message in {@code messages} that contains {@code part} (others are passed over). */
    static String awaitText(LinkedBlockingQueue<String> messages, String part) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            String m = messages.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && m.contains(part)) {
                return m;
            }
        }
        throw new AssertionError("no message with " + part);
    }
}
