package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import dev.riffle.handler.Inputs;
import dev.riffle.media.VideoFrame;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A node drained before it stops: no new sessions (503 {@code server_stopping}, the health check too), waiting
 * sessions told to go elsewhere at once, the streaming one goes on until it ends - or until the deadline.
 */
class DrainTest {
    private static RiffleServer server() {
        return RiffleServer.create().mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(1).build()).start();
    }

    @Test
    void draining_refusesNewSessions_sendsTheWaitingAway_andWaitsForTheStreamingOne() throws Exception {
        RiffleServer server = server();
        try (WsTestClient streaming = WsTestClient.connect(server, "/flip");
                WsTestClient waiting = WsTestClient.connect(server, "/flip")) {
            streaming.start("raw");
            streaming.nextQueue("admitted");
            waiting.start("raw");
            waiting.nextQueue("waiting");

            CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> server.drain(Duration.ofSeconds(30)));
            assertEquals("server_stopping", waiting.next("closed").get("code").asText(), "sent elsewhere at once");
            try (WsTestClient late = WsTestClient.connect(server, "/flip")) {
                late.send("{\"type\":\"start\",\"format\":\"raw\"}");
                assertEquals("server_stopping", late.next("error").at("/error/code").asText());
            }
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.uri().resolve("/flip/queue")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode(), "the load balancer's health check sends no one here");

            VideoFrame in = StreamSocketTest.scene(8, 6, 2);
            streaming.sendFrame(in, 1);
            VideoFrame expected = VideoFrame.allocate(8, 6);
            Filters.FLIP.create().handle(in, expected, Inputs.none());
            assertArrayEquals(expected.toByteArray(), streaming.nextFrame().decode().toByteArray(),
                    "the streaming session goes on");
            assertTrue(!drained.isDone(), "the drain waits for it");

            streaming.close();
            drained.get(10, java.util.concurrent.TimeUnit.SECONDS); // done once it left, long before the deadline
            assertEquals(0, server.sessionCount());
        }
    }

    @Test
    void theDeadline_endsWhatStillStreams() throws Exception {
        RiffleServer server = server();
        try (WsTestClient streaming = WsTestClient.connect(server, "/flip")) {
            streaming.start("raw");
            streaming.nextQueue("admitted");
            long t0 = System.nanoTime();
            server.drain(Duration.ofMillis(500));
            assertTrue(System.nanoTime() - t0 >= 500_000_000L, "it waited for the deadline");
            assertEquals("server_stopping", streaming.next("closed").get("code").asText());
        }
    }
}
