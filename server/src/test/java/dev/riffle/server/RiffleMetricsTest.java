package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * A stream's meters as a Micrometer registry reads them while real WebSocket clients stream: sessions streaming and
 * waiting, frames, handler time, queue wait, bytes; and a stream mounted while the server runs gets its meters.
 */
class RiffleMetricsTest {
    private static double value(MeterRegistry r, String name, String stream) {
        var search = r.find(name).tag("stream", stream);
        if (search.gauge() != null) {
            return search.gauge().value();
        }
        if (search.functionCounter() != null) {
            return search.functionCounter().count();
        }
        if (search.timeGauge() != null) {
            return search.timeGauge().value(TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no meter " + name + " for " + stream + "; meters: " + r.getMeters().stream()
                .map(m -> m.getId().getName()).toList());
    }

    /** Polls {@code read} until it is {@code expected}: the engine updates state on its own threads. */
    private static void await(DoubleSupplier read, double expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (read.getAsDouble() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, read.getAsDouble(), what);
    }

    @Test
    void aStreamsMeters_followItsSessions() throws Exception {
        try (RiffleServer server = RiffleServer.create()
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(1).build()).start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new RiffleMetrics(server).bindTo(registry);
            assertEquals(0, value(registry, "riffle.sessions.active", "/flip"));

            try (WsTestClient first = WsTestClient.connect(server, "/flip");
                    WsTestClient second = WsTestClient.connect(server, "/flip")) {
                first.start("raw");
                first.nextQueue("admitted");
                second.start("raw");
                second.nextQueue("waiting");
                assertEquals(1, value(registry, "riffle.sessions.active", "/flip"));
                assertEquals(1, value(registry, "riffle.sessions.waiting", "/flip"));
                for (int i = 1; i <= 3; i++) {
                    first.sendFrame(StreamSocketTest.scene(16, 12, i), i);
                    first.nextFrame();
                }
                assertEquals(3, value(registry, "riffle.frames.received", "/flip"));
                assertEquals(3, value(registry, "riffle.frames.processed", "/flip"));
                assertEquals(3, registry.find("riffle.handler.time").tag("stream", "/flip").functionTimer().count());
                assertTrue(value(registry, "riffle.websocket.bytes.in", "/flip") >= 3 * 16 * 12 * 4, "raw frames in");
                assertTrue(value(registry, "riffle.websocket.bytes.out", "/flip") >= 3 * 16 * 12 * 4,
                        "raw frames out");
                assertEquals(1, registry.find("riffle.queue.wait").tag("stream", "/flip").functionTimer().count(),
                        "one admission so far");
            }
            await(() -> value(registry, "riffle.sessions.active", "/flip"), 0, "closed sessions hold no slot");
            await(() -> value(registry, "riffle.sessions.waiting", "/flip"), 0, "nor a place in line");

            Stream live = server.mountLive("view.edges", () -> Stream.video(Filters.EDGES).build());
            assertEquals("/riffle/streams/view.edges", live.path());
            assertEquals(0, value(registry, "riffle.frames.received", live.path()), "a later stream has its meters");
        }
    }

    /** A session refused at its start (no queue, no free slot) is refused once: one error, one count. */
    @Test
    void aRefusedSession_isCountedAndToldOnce() throws Exception {
        try (RiffleServer server = RiffleServer.create().mount("/solo", Stream.video(Filters.FLIP).concurrencyLimit(1)
                .queueOverLimit(false).build()).start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new RiffleMetrics(server).bindTo(registry);
            try (WsTestClient holder = WsTestClient.connect(server, "/solo");
                    WsTestClient refused = WsTestClient.connect(server, "/solo")) {
                holder.start("raw");
                holder.nextQueue("admitted");
                refused.send("{\"type\":\"start\",\"format\":\"raw\"}");
                assertEquals("concurrency_limit_reached", refused.next("error").at("/error/code").asText());
                assertEquals("concurrency_limit_reached", refused.next("closed").get("code").asText(),
                        "the close follows the error");
                assertTrue(refused.passedOver().stream().noneMatch(m -> m.contains("\"error\"")),
                        "one error: " + refused.passedOver());
                assertEquals(1, value(registry, "riffle.sessions.refused", "/solo"));
            }
        }
    }
}
