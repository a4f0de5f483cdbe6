package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.filters.Filters;
import dev.riffle.server.engine.Wire;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams mounted while the server runs (how Vaadin views add theirs): routes, WebSocket, sharing by key, errors. */
class LiveStreamsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private RiffleServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLiveStreamServesFramesAndRoutes_andTheSameKeyGetsTheSameStream() throws Exception {
        server = RiffleServer.create().start();
        AtomicInteger made = new AtomicInteger();
        Stream first = server.mountLive("view.flip", () -> {
            made.incrementAndGet();
            return Stream.video(Filters.FLIP).build();
        });
        Stream again = server.mountLive("view.flip", () -> {
            made.incrementAndGet();
            return Stream.video(Filters.EDGES).build();
        });
        assertSame(first, again, "the first declaration wins; every view with the key shares its queue");
        assertEquals(1, made.get());
        assertEquals("/riffle/streams/view.flip", first.path());

        assertEquals(200, get("/riffle/streams/view.flip/").statusCode(), "the stream's own page");
        HttpResponse<String> queue = get("/riffle/streams/view.flip/queue");
        assertEquals(200, queue.statusCode());
        try (WsTestClient c = WsTestClient.connect(server, "/riffle/streams/view.flip")) {
            JsonNode session = c.start("raw");
            assertTrue(session.get("session_id").asText().length() > 8);
            c.nextQueue("admitted");
        }
    }

    @Test
    void unknownKeys_getA404OverHttp_andAnErrorThenACloseOverTheWebSocket() throws Exception {
        server = RiffleServer.create().start();
        HttpResponse<String> missing = get("/riffle/streams/nobody/queue");
        assertEquals(404, missing.statusCode());
        assertEquals("unknown_stream", Wire.JSON.readTree(missing.body()).get("error").get("code").asText());
        try (WsTestClient c = WsTestClient.connect(server, "/riffle/streams/nobody")) {
            assertEquals("unknown_stream", c.next("error").get("error").get("code").asText());
            assertEquals(1008, c.awaitClose());
        }
        // and the server keeps serving
        server.mountLive("later", () -> Stream.video(Filters.FLIP).build());
        assertEquals(200, get("/riffle/streams/later/queue").statusCode());
    }

    @Test
    void keysAreChecked_andNothingMountsLiveBeforeStart() {
        RiffleServer notStarted = RiffleServer.create();
        assertThrows(IllegalStateException.class,
                () -> notStarted.mountLive("a", () -> Stream.video(Filters.FLIP).build()));
        server = RiffleServer.create().start();
        assertThrows(IllegalArgumentException.class,
                () -> server.mountLive("../etc", () -> Stream.video(Filters.FLIP).build()));
        assertThrows(IllegalArgumentException.class,
                () -> server.mountLive("", () -> Stream.video(Filters.FLIP).build()));
    }
}
