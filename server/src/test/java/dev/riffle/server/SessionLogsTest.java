package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import dev.riffle.stream.Modality;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * What the server logs through SLF4J about sessions, as an operator reads it: admitted, waiting, closed with the
 * code, refused with the code; a handler failing on every frame logged once, with its stack trace.
 */
class SessionLogsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SESSIONS = "dev.riffle.server.engine.StreamSession";
    private RiffleServer server;

    @BeforeEach
    void start() {
        server = RiffleServer.create()
                .mount("/always-fails", Stream.video("always-fails", () -> (in, out, inputs) -> {
                    throw new IllegalStateException("broken handler");
                }).concurrencyLimit(null).build())
                .mount("/wrong-modality", Stream.receive("wrong-modality", Modality.VIDEO,
                        in -> java.util.stream.Stream.of(new AudioChunk(48_000, 1, new short[960])))
                        .concurrencyLimit(null).build())
                .mount("/single", Stream.video("single", () -> (in, out, inputs) -> null).concurrencyLimit(1).build())
                .mount("/no-queue", Stream.video("no-queue", () -> (in, out, inputs) -> null).concurrencyLimit(1).queueOverLimit(false)
                        .build())
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Predicate<CapturedLogs.Event> session(String stream, String text) {
        return e -> e.logger().equals(SESSIONS) && e.message().startsWith("Stream '" + stream + "' session ")
                && e.message().contains(text);
    }

    @Test
    void aHandlerFailingOnEveryFrame_isLoggedOnceWithItsStackTrace_andTheSessionsLifeAtInfo() throws Exception {
        try (WsTestClient c = WsTestClient.connect(server, "/always-fails")) {
            c.start("raw");
            c.nextQueue("admitted");
            for (int seq = 1; seq <= 3; seq++) {
                c.sendFrame(VideoFrame.allocate(8, 8), seq);
                assertEquals("handler_error", c.next("error").get("error").get("code").asText());
            }
        }
        CapturedLogs.Event closed = CapturedLogs.await(session("always-fails", ": closed, "), WAIT);
        assertEquals(Level.INFO, closed.level());
        String id = closed.message().split(" ")[3].replace(":", "");
        List<CapturedLogs.Event> failures = CapturedLogs.matching(session("always-fails", id + ": handler_error"));
        assertEquals(1, failures.size(), "three failing frames, one line: " + failures);
        assertEquals(Level.WARN, failures.get(0).level());
        assertTrue(failures.get(0).thrown() instanceof IllegalStateException, String.valueOf(failures.get(0).thrown()));
        assertEquals("broken handler", failures.get(0).thrown().getMessage());
        CapturedLogs.Event admitted = CapturedLogs.await(session("always-fails", id + ": admitted"), WAIT);
        assertEquals(Level.INFO, admitted.level());
    }

    @Test
    void aGeneratorYieldingTheWrongModality_isLoggedWithItsCause() throws Exception {
        try (WsTestClient c = WsTestClient.connect(server, "/wrong-modality")) {
            c.start("raw");
            assertEquals("handler_error", c.next("error").get("error").get("code").asText());
        }
        CapturedLogs.Event failure = CapturedLogs.await(session("wrong-modality", "handler_error"), WAIT);
        assertEquals(Level.WARN, failure.level());
        assertTrue(String.valueOf(failure.thrown()).contains("the generator yielded audio"), failure.toString());
        assertEquals(Level.INFO, CapturedLogs.await(session("wrong-modality", ": closed, handler_error"), WAIT).level());
    }

    @Test
    void aWaitingSession_andARefusedOne_areLoggedWithTheirPlaceAndCode() throws Exception {
        try (WsTestClient first = WsTestClient.connect(server, "/single");
                WsTestClient second = WsTestClient.connect(server, "/single")) {
            first.start("raw");
            first.nextQueue("admitted");
            second.start("raw");
            second.nextQueue("waiting");
            assertEquals(Level.INFO, CapturedLogs.await(session("single", "waiting in line at position 1"), WAIT)
                    .level());
            try (WsTestClient holder = WsTestClient.connect(server, "/no-queue");
                    WsTestClient refused = WsTestClient.connect(server, "/no-queue")) {
                holder.start("raw");
                holder.nextQueue("admitted");
                refused.start("raw");
                assertEquals("concurrency_limit_reached", refused.next("error").get("error").get("code").asText());
                CapturedLogs.Event refusal = CapturedLogs.await(session("no-queue", "concurrency_limit_reached"),
                        WAIT);
                assertEquals(Level.INFO, refusal.level(), "a refusal is the client's news, not a server fault");
            }
        }
    }
}
