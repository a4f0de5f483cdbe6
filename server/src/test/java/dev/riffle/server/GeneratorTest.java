package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.blocks.Slider;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.wire.AudioCodec;
import dev.riffle.server.wire.FrameCodec;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-to-client streams (FastRTC's {@code mode="receive"}) over the WebSocket transport: a generator's audio and
 * video reach the client in order and whole, it is pulled no faster than the client plays, and it is closed when
 * the client stops.
 */
class GeneratorTest {
    private RiffleServer server;
    private final AtomicLong pulled = new AtomicLong();
    private final CountDownLatch endlessClosed = new CountDownLatch(1);

    /** 20 ms of audio whose every sample is {@code n}. */
    private static AudioChunk numbered(int n) {
        short[] s = new short[960];
        java.util.Arrays.fill(s, (short) n);
        return new AudioChunk(48_000, 1, s);
    }

    private static VideoFrame numberedFrame(long n) {
        VideoFrame f = VideoFrame.allocate(64, 48);
        for (int i = 0; i < f.pixelCount(); i++) {
            f.setPixel(i, VideoFrame.rgba((int) n, i % 256, 7, 255));
        }
        return f;
    }

    @BeforeEach
    void start() {
        server = RiffleServer.create()
                .mount("/steps", Stream.receive("steps", Modality.AUDIO, in -> java.util.stream.Stream.concat(
                        IntStream.range(0, (int) in.number(0, 1) * 10).mapToObj(i -> (Object) numbered(i + 1)),
                        java.util.stream.Stream.of(AdditionalOutputs.of("done"))))
                        .additionalInputs(Slider.of(1, 10).value(2)).concurrencyLimit(null).build())
                .mount("/endless", Stream.receive("endless", Modality.AUDIO, in -> IntStream.iterate(1, i -> i + 1)
                        .mapToObj(i -> {
                            pulled.incrementAndGet();
                            return numbered(i % 30_000);
                        }).onClose(endlessClosed::countDown)).concurrencyLimit(null).build())
                .mount("/video", Stream.receive("video", Modality.VIDEO, in -> LongStream.range(0, 5)
                        .mapToObj(GeneratorTest::numberedFrame)).fps(60).concurrencyLimit(null).build())
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void audioComesWholeAndInOrderWithTheInputsValuesThenTheStreamEnds() {
        try (WsTestClient c = WsTestClient.connect(server, "/steps")) {
            c.send("{\"type\":\"start\",\"format\":\"pcm\",\"inputs\":[3]}");
            JsonNode hello = c.next("session");
            assertEquals("receive", hello.get("mode").asText());
            for (int i = 1; i <= 30; i++) {
                AudioCodec.Received r = c.nextAudio();
                assertEquals(960, r.chunk().frameCount());
                assertEquals(i, r.chunk().samples()[0], "chunk " + i + " in order, none lost");
            }
            assertEquals("done", c.next("outputs").get("values").get(0).asText());
            assertEquals("closed_by_handler", c.next("closed").get("code").asText(), "an exhausted generator ends");
            assertEquals(1000, c.awaitClose());
            assertEquals(0, c.binariesWaiting(), "3 steps = 30 chunks, no more");
        }
    }

    @Test
    void anEndlessGeneratorIsPulledAtPlaybackSpeedAndClosedWhenTheClientStops() throws Exception {
        try (WsTestClient c = WsTestClient.connect(server, "/endless")) {
            c.start("pcm");
            for (int i = 1; i <= 25; i++) {
                assertEquals(i, c.nextAudio().chunk().samples()[0]);
            }
            // 0.5 s played: the generator may run 0.2 s ahead plus the transport's lead, not arbitrarily far
            assertTrue(pulled.get() < 25 + 30, "pulled " + pulled.get() + " chunks for 25 played");
            // media from the client is refused (this stream only sends), and the stream goes on
            c.send(AudioSocketTest.chunk(48_000, 1, new short[960], 1));
            assertEquals("bad_message", c.next("error").get("error").get("code").asText());
            c.nextAudio();
            c.send("{\"type\":\"stop\"}");
            assertTrue(endlessClosed.await(5, TimeUnit.SECONDS), "the generator's stream was closed");
        }
    }

    @Test
    void videoFramesArriveAsGenerated() {
        try (WsTestClient c = WsTestClient.connect(server, "/video")) {
            c.start("raw");
            for (int n = 0; n < 5; n++) {
                FrameCodec.Received r = c.nextFrame();
                VideoFrame f = r.decode();
                assertEquals(64, f.width());
                assertEquals(numberedFrame(n).pixel(100), f.pixel(100), "frame " + n);
            }
            assertEquals("closed_by_handler", c.next("closed").get("code").asText());
        }
    }

    @Test
    void aReceiveStreamNeedsAGenerator() {
        assertThrows(IllegalArgumentException.class, () -> Stream.audio("x", AudioSocketTest.Echo::new)
                .mode(Mode.RECEIVE));
        assertThrows(IllegalArgumentException.class, () -> Stream.receive("x", Modality.AUDIO, in -> null)
                .mode(Mode.SEND));
    }
}
