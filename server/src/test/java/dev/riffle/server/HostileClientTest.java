package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that stop reading must never stall anyone else: while one sends media and heartbeats but reads nothing
 * (a 4 KB receive buffer), or freezes (stops reading and sending), another session's audio keeps flowing, the queue
 * keeps admitting and time limits keep expiring; the bad client's session ends with {@code client_too_slow} within
 * {@link StreamSession#CLIENT_STALL_NANOS} of its first unread send (plus the watchdog's half second).
 */
class HostileClientTest {
    private RiffleServer server;

    @BeforeEach
    void start() {
        server = RiffleServer.create()
                .mount("/echo", Stream.audio("echo", new AudioSocketTest.Echo()).concurrencyLimit(null).build())
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build())
                .mount("/one", Stream.video(Filters.FLIP).concurrencyLimit(1).timeLimit(Duration.ofSeconds(1))
                        .build())
                .heartbeatTimeout(Duration.ofSeconds(30))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static short[] tone(int offset) {
        return AudioSocketTest.tone(48_000, 440, offset, 960, 0.3);
    }

    /** Counts the audio frames a well-behaved echo client gets back over {@code millis}, sending in real time. */
    private static int goodAudioFrames(WsTestClient good, int[] offset, long millis) throws Exception {
        int frames = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long next = System.nanoTime();
        while (System.nanoTime() < end) {
            good.send(AudioSocketTest.chunk(48_000, 1, tone(offset[0]), offset[0] / 960));
            offset[0] += 960;
            next += 20_000_000;
            while (good.binaries.poll(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS) != null) {
                frames++;
            }
        }
        return frames;
    }

    @Test
    void aClientThatNeverReads_stallsNoOne_andLosesItsSession() throws Exception {
        try (WsTestClient good = WsTestClient.connect(server, "/echo");
                WsTestClient first = WsTestClient.connect(server, "/one");
                WsTestClient second = WsTestClient.connect(server, "/one")) {
            good.start("pcm");
            good.nextQueue("admitted");
            first.start("raw");
            second.start("raw");
            int[] offset = {0};
            int before = goodAudioFrames(good, offset, 2000);

            // one never reads and sends in real time, one floods; both sit on a stream with a time limit too
            RawWebSocket slow = new RawWebSocket(server.port(), "/flip/websocket");
            RawWebSocket timed = new RawWebSocket(server.port(), "/one/websocket");
            slow.text("{\"type\":\"start\",\"format\":\"raw\"}");
            timed.text("{\"type\":\"start\",\"format\":\"raw\"}");
            WebRtcTest.awaitCount(server::sessionCount, 5);
            long badSince = System.nanoTime();
            Thread flood = Thread.ofVirtual().start(() -> {
                byte[] frame = dev.riffle.server.wire.FrameCodec.encodeRaw(StreamSocketTest.scene(320, 240, 1), 1);
                try {
                    for (int i = 0; i < 1000 && !Thread.currentThread().isInterrupted(); i++) {
                        slow.binary(frame);
                        timed.binary(frame);
                        if (i % 10 == 0) {
                            slow.text("{\"type\":\"heartbeat\"}");
                            timed.text("{\"type\":\"heartbeat\"}");
                        }
                        Thread.sleep(20);
                    }
                } catch (IOException | InterruptedException cutOff) {
                    // the server dropped them
                }
            });
            int during = goodAudioFrames(good, offset, 8000);
            long expired = first.texts.stream().filter(m -> m.path("type").asText().equals("expired")).count()
                    + second.texts.stream().filter(m -> m.path("type").asText().equals("expired")).count();
            assertTrue(during > 0.6 * before * 4, "the good client's audio kept flowing: " + during
                    + " frames in 8 s with the bad clients, " + before + " in 2 s without");
            assertTrue(expired >= 3, "time limits kept expiring and the queue kept admitting: " + expired);
            WebRtcTest.awaitCount(server::sessionCount, 3);
            long gone = (System.nanoTime() - badSince) / 1_000_000;
            assertTrue(gone < 15_000, "the bad clients' sessions ended " + gone + " ms after they stopped reading");
            flood.interrupt();
            slow.close();
            timed.close();
        }
    }

    @Test
    void aFrozenClient_stopsReadingAndSending_andLosesItsSessionToo() throws Exception {
        try (WsTestClient good = WsTestClient.connect(server, "/echo")) {
            good.start("pcm");
            good.nextQueue("admitted");
            RawWebSocket frozen = new RawWebSocket(server.port(), "/flip/websocket");
            frozen.text("{\"type\":\"start\",\"format\":\"raw\"}");
            byte[] frame = dev.riffle.server.wire.FrameCodec.encodeRaw(StreamSocketTest.scene(320, 240, 1), 1);
            for (int i = 0; i < 60; i++) { // two seconds of frames at once, then nothing: a process stopped
                frozen.binary(frame);
            }
            int[] offset = {0};
            int during = goodAudioFrames(good, offset, 8000);
            assertTrue(during > 200, "the good client's audio kept flowing: " + during + " frames in 8 s");
            WebRtcTest.awaitCount(server::sessionCount, 1);
            frozen.close();
        }
    }
}
