package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.blocks.NumberField;
import dev.riffle.blocks.Slider;
import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.AudioVideoStreamHandler;
import dev.riffle.handler.Inputs;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.wire.FrameCodec;
import dev.riffle.server.wire.FrameFormat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket transport end to end: a real Jetty on 127.0.0.1 and the JDK's WebSocket client. */
class StreamSocketTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private RiffleServer server;

    @BeforeEach
    void start() {
        server = RiffleServer.create()
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build())
                .mount("/one", Stream.video(Filters.FLIP).concurrencyLimit(1)
                        .timeLimit(Duration.ofMillis(700)).build())
                .mount("/echo-input", Stream.video("echo-input", () -> (in, out, inputs) -> {
                    Filters.FLIP.create().handle(in, out, inputs);
                    return AdditionalOutputs.of(inputs.number(0, -1));
                }).additionalInputs(Slider.of(0, 255).value(100)).additionalOutputs(NumberField.create())
                        .concurrencyLimit(null).build())
                .mount("/fragile", Stream.video("fragile", () -> (in, out, inputs) -> {
                    if ((in.pixel(0) & 0xFF) == 13) {
                        throw new IllegalStateException("unlucky frame");
                    }
                    return null;
                }).concurrencyLimit(null).build())
                .mount("/av", Stream.audioVideo("av", EchoBoth::new).concurrencyLimit(null).build())
                .mount("/hang", Stream.video("hang", () -> (in, out, inputs) -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }).concurrencyLimit(null).handlerTimeout(Duration.ofMillis(600)).build())
                .start();
    }

    /** Camera and microphone echoed: only for a transport that carries both. */
    static final class EchoBoth extends AudioVideoStreamHandler {
        @Override
        public void receive(AudioChunk chunk) {
        }

        @Override
        public AudioChunk emit() {
            return null;
        }

        @Override
        public void videoReceive(VideoFrame frame) {
        }

        @Override
        public AdditionalOutputs videoEmit(VideoFrame in, VideoFrame out) {
            return null;
        }

        @Override
        public EchoBoth copy() {
            return new EchoBoth();
        }
    }

    @Test
    void aCameraAndMicrophoneStream_isRefusedClearly_andTheConnectionGoesOn() {
        try (WsTestClient c = WsTestClient.connect(server, "/av")) {
            c.send("{\"type\":\"start\",\"format\":\"raw\"}");
            JsonNode error = c.next("error").get("error");
            assertEquals("unsupported_transport", error.get("code").asText());
            assertTrue(error.get("message").asText().contains("only WebRTC"), error.toString());
            assertEquals(0, server.sessionCount(), "no session was opened");
        }
        assertEquals("audio_video", Stream.audioVideo("av", EchoBoth::new).build().uiEvent().modality());
        try (WsTestClient c = WsTestClient.connect(server, "/flip")) {
            c.start("raw");
            c.nextQueue("admitted");
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    static VideoFrame scene(int width, int height, int tag) {
        VideoFrame f = VideoFrame.allocate(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                f.setPixel(x, y, VideoFrame.rgba((x * 7 + y) & 0xFF, (y * 3) & 0xFF, (x ^ y) & 0xFF, 255));
            }
        }
        f.setPixel(0, VideoFrame.rgba(tag, 0, 0, 255));
        return f;
    }

    static VideoFrame flipped(VideoFrame in) {
        VideoFrame out = VideoFrame.allocate(in.width(), in.height());
        Filters.FLIP.create().handle(in, out, Inputs.none());
        return out;
    }

    @Test
    void stoppingTheServer_tellsEachClientWhyBeforeTheConnectionCloses() {
        RiffleServer other = RiffleServer.create()
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build()).start();
        try (WsTestClient a = WsTestClient.connect(other, "/flip");
                WsTestClient b = WsTestClient.connect(other, "/flip")) {
            a.start("raw");
            b.start("raw");
            a.nextQueue("admitted");
            b.nextQueue("admitted");
            other.close();
            for (WsTestClient c : List.of(a, b)) {
                JsonNode closed = c.next("closed");
                assertEquals("server_stopping", closed.get("code").asText(), closed.toString());
                assertEquals(1001, c.awaitClose());
            }
        } finally {
            other.close();
        }
    }

    @Test
    void rawFramesComeBackFlippedExactlyWithTheirSeq() {
        try (WsTestClient c = WsTestClient.connect(server, "/flip")) {
            JsonNode session = c.start("raw");
            assertEquals(43, session.get("session_id").asText().length() + 21, "id is 22 chars of base64url");
            assertTrue(session.get("token").asText().length() >= 22);
            c.nextQueue("admitted");
            VideoFrame in = scene(64, 48, 1);
            c.sendFrame(in, 41);
            FrameCodec.Received out = c.nextFrame();
            assertEquals(FrameFormat.RAW, out.format());
            assertEquals(41, out.seq());
            assertEquals(64, out.width());
            assertArrayEquals(flipped(in).toByteArray(), out.decode().toByteArray());
        }
    }

    @Test
    void jpegFramesAreDecodedFilteredAndEncoded() throws Exception {
        VideoFrame in = scene(320, 240, 7);
        try (WsTestClient c = WsTestClient.connect(server, "/flip")) {
            c.start("jpeg");
            c.nextQueue("admitted");
            byte[] jpeg;
            try (FrameCodec.JpegEncoder encoder = new FrameCodec.JpegEncoder(0.8f)) {
                jpeg = encoder.encode(in, 5, 0);
            }
            c.send(jpeg);
            FrameCodec.Received out = c.nextFrame();
            assertEquals(FrameFormat.JPEG, out.format());
            assertEquals(5, out.seq());
            VideoFrame expected = flipped(FrameCodec.parse(jpeg, Long.MAX_VALUE).decode());
            VideoFrame actual = out.decode();
            int worst = 0;
            for (int i = 0; i < actual.pixelCount() * 4; i++) {
                worst = Math.max(worst, Math.abs((actual.buffer().get(i) & 0xFF) - (expected.buffer().get(i) & 0xFF)));
            }
            assertTrue(worst < 48, "JPEG round trip stays close to flip(input), worst channel error " + worst);
            assertEquals(expected.pixel(10, 0) & 0xFF, actual.pixel(10, 0) & 0xFF, 24.0,
                    "top row of the output is the bottom row of the input");
        }
    }

    @Test
    void secondSessionWaitsAtPositionOneIsServedAfterTheTimeLimitAndTheFirstRejoins() {
        try (WsTestClient a = WsTestClient.connect(server, "/one");
                WsTestClient b = WsTestClient.connect(server, "/one")) {
            a.start("raw");
            JsonNode admittedA = a.nextQueue("admitted");
            assertEquals(0.7, admittedA.get("time_limit").asDouble(), 1e-9);
            b.start("raw");
            JsonNode waiting = b.nextQueue("waiting");
            assertEquals(1, waiting.get("position").asInt());
            assertTrue(waiting.get("eta").asDouble() <= 0.7, "ETA from A's time limit: " + waiting);

            VideoFrame frame = scene(8, 8, 3);
            b.sendFrame(frame, 1); // ignored while waiting
            a.sendFrame(frame, 1);
            assertEquals(1, a.nextFrame().seq());

            b.nextQueue("admitted");
            a.next("expired");
            JsonNode back = a.nextQueue("waiting");
            assertEquals(1, back.get("position").asInt(), "A rejoined at the back of the line");
            b.sendFrame(frame, 2);
            assertEquals(2, b.nextFrame().seq(), "B's first frame after admission is processed");
            assertTrue(b.binaries.isEmpty(), "the frame B sent while waiting was not processed");
            a.nextQueue("admitted"); // B's time limit ends, A is back in
        }
    }

    @Test
    void closingTheSocketFreesTheSlotForTheNextInLine() {
        try (WsTestClient b = WsTestClient.connect(server, "/one")) {
            WsTestClient a = WsTestClient.connect(server, "/one");
            a.start("raw");
            a.nextQueue("admitted");
            b.start("raw");
            b.nextQueue("waiting");
            a.send("{\"type\":\"stop\"}");
            assertEquals(1000, a.awaitClose());
            b.nextQueue("admitted");
            a.close();
        }
    }

    @Test
    void inputsChangedMidStreamApplyFromTheNextFrameAndOutputsArrive() {
        try (WsTestClient c = WsTestClient.connect(server, "/echo-input")) {
            c.start("raw");
            c.nextQueue("admitted");
            VideoFrame frame = scene(8, 8, 1);
            c.sendFrame(frame, 1);
            c.nextFrame();
            assertEquals(100, c.next("outputs").get("values").get(0).asDouble(), "the slider's initial value");
            c.send("{\"type\":\"inputs\",\"values\":[42]}");
            c.sendFrame(frame, 2);
            c.nextFrame();
            JsonNode outputs = c.next("outputs");
            assertEquals(2, outputs.get("seq").asLong());
            assertEquals(42, outputs.get("values").get(0).asDouble());
        }
    }

    @Test
    void aHandlerThatThrowsOnOneFrameReportsItAndTheStreamGoesOn() {
        try (WsTestClient c = WsTestClient.connect(server, "/fragile")) {
            c.start("raw");
            c.nextQueue("admitted");
            c.sendFrame(scene(8, 8, 13), 1);
            JsonNode error = c.next("error").get("error");
            assertEquals("handler_error", error.get("code").asText());
            assertTrue(error.get("message").asText().contains("unlucky frame"), error.toString());
            c.sendFrame(scene(8, 8, 14), 2);
            assertEquals(2, c.nextFrame().seq());
        }
    }

    @Test
    void aHangingHandlerEndsItsSessionAndOthersKeepStreaming() {
        try (WsTestClient hung = WsTestClient.connect(server, "/hang");
                WsTestClient fine = WsTestClient.connect(server, "/flip")) {
            hung.start("raw");
            hung.nextQueue("admitted");
            fine.start("raw");
            fine.nextQueue("admitted");
            hung.sendFrame(scene(8, 8, 1), 1);
            assertEquals("handler_timeout", hung.next("error").get("error").get("code").asText());
            assertEquals(1011, hung.awaitClose());
            fine.sendFrame(scene(8, 8, 2), 9);
            assertEquals(9, fine.nextFrame().seq());
        }
    }
}
