package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.blocks.NumberField;
import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.CloseStream;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandlerWithOutputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.transport.webrtc.WebRtcOptions;
import dev.riffle.stream.Mode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebRTC transport with a webrtc-java client in the same JVM, over 127.0.0.1. */
class WebRtcTest {
    private RiffleServer server;

    @BeforeEach
    void start() {
        server = RiffleServer.create()
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build())
                .mount("/one", Stream.video(Filters.FLIP).concurrencyLimit(1).build())
                .mount("/count", Stream.video("count", () -> new VideoHandlerWithOutputs() {
                    private int frames;

                    @Override
                    public AdditionalOutputs handle(VideoFrame in, VideoFrame out, Inputs inputs) {
                        Filters.FLIP.create().handle(in, out, inputs);
                        if (++frames == 3) {
                            throw new CloseStream("three frames seen");
                        }
                        return AdditionalOutputs.of(frames);
                    }
                }).additionalOutputs(NumberField.create()).concurrencyLimit(null).build())
                .mount("/send", Stream.video("send", () -> (in, out, inputs) -> AdditionalOutputs.of(in.width()))
                        .additionalOutputs(NumberField.create()).mode(Mode.SEND).concurrencyLimit(null).build())
                .webrtc(WebRtcOptions.defaults().connectTimeout(Duration.ofMillis(1500)))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Top half dark, bottom half bright: flipping upside down swaps them, which survives VP8. */
    static VideoFrame halves(int w, int h) {
        VideoFrame f = VideoFrame.allocate(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = y < h / 2 ? 40 : 210;
                f.setPixel(x, y, VideoFrame.rgba(v, v, v, 255));
            }
        }
        return f;
    }

    static int luma(VideoFrame f, int x, int y) {
        return f.pixel(y * f.width() + x) & 0xFF;
    }

    @Test
    void videoGoesThroughTheHandlerAndComesBackOnTheTrack() throws Exception {
        try (RtcTestClient client = new RtcTestClient()) {
            JsonNode answer = client.connect(server, "/flip", "test-1");
            assertEquals("answer", answer.get("type").asText());
            assertTrue(answer.get("sdp").asText().contains(" 127.0.0.1 "), "host candidates announced as loopback");
            client.connected.get(10, TimeUnit.SECONDS);
            assertEquals("admitted", client.next("queue").get("state").asText());
            VideoFrame in = halves(320, 240);
            VideoFrame out = null;
            for (int i = 0; i < 300 && out == null; i++) {
                client.push(in);
                out = client.frames.poll(33, TimeUnit.MILLISECONDS);
            }
            assertTrue(out != null, "a processed frame came back");
            assertEquals(320, out.width());
            assertTrue(luma(out, 160, 20) > 150 && luma(out, 160, 220) < 100,
                    "flipped: bright at the top, dark at the bottom; got " + luma(out, 160, 20) + " / "
                            + luma(out, 160, 220));
            assertEquals(1, server.openPeerConnections());
        }
    }

    static JsonNode error(HttpResponse<String> r) throws Exception {
        return Wire.JSON.readTree(r.body()).get("error");
    }

    /** Polls a figure the server keeps until it reaches {@code expected} (no event tells the test). */
    static void awaitCount(java.util.function.IntSupplier count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, count.getAsInt());
    }

    @Test
    void badOffers_getClearErrors_andTheServerKeepsServing() throws Exception {
        HttpResponse<String> notJson = RtcTestClient.post(server, "/flip", "{sdp:");
        assertEquals(400, notJson.statusCode());
        assertEquals("bad_json", error(notJson).get("code").asText());

        HttpResponse<String> garbage = RtcTestClient.post(server, "/flip", Wire.write(Map.of("type", "offer",
                "webrtc_id", "g1", "sdp", "hello")));
        assertEquals(400, garbage.statusCode());
        assertEquals("bad_sdp", error(garbage).get("code").asText());

        HttpResponse<String> broken = RtcTestClient.post(server, "/flip", Wire.write(Map.of("type", "offer",
                "webrtc_id", "g2", "sdp", "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=nonsense\r\n")));
        assertEquals(400, broken.statusCode());
        assertEquals("bad_sdp", error(broken).get("code").asText());
        assertTrue(error(broken).get("message").asText().startsWith("The offer could not be applied"),
                broken.body());

        try (RtcTestClient client = new RtcTestClient()) {
            String audioOnly = client.offer().replace("m=video", "m=audio");
            HttpResponse<String> modality = RtcTestClient.post(server, "/flip", Wire.write(Map.of("type", "offer",
                    "webrtc_id", "g3", "sdp", audioOnly)));
            assertEquals(400, modality.statusCode());
            assertEquals("unsupported_modality", error(modality).get("code").asText());
        }

        HttpResponse<String> badId = RtcTestClient.post(server, "/flip", Wire.write(Map.of("type", "offer",
                "webrtc_id", "<script>", "sdp", "v=0")));
        assertEquals(400, badId.statusCode());

        HttpResponse<String> unknown = RtcTestClient.post(server, "/flip", Wire.write(Map.of("type",
                "ice-candidate", "webrtc_id", "nobody", "candidate", Map.of("candidate", "candidate:1 1 udp 1 "
                        + "127.0.0.1 9 typ host", "sdpMid", "0", "sdpMLineIndex", 0))));
        assertEquals(200, unknown.statusCode(), "kept for an offer that may follow at once, as FastRTC's client races"
                + " them");

        assertEquals(0, server.openPeerConnections(), "failed offers leave no peer connection behind");
        assertEquals(0, server.sessionCount());
        videoGoesThroughTheHandlerAndComesBackOnTheTrack();
    }

    @Test
    void aDuplicateWebrtcId_isRefused_whileTheFirstIsOpen() throws Exception {
        try (RtcTestClient first = new RtcTestClient(); RtcTestClient second = new RtcTestClient()) {
            first.connect(server, "/flip", "same-id");
            String body = Wire.write(Map.of("sdp", second.offer(), "type", "offer", "webrtc_id", "same-id"));
            HttpResponse<String> r = RtcTestClient.post(server, "/flip", body);
            assertEquals(409, r.statusCode());
            assertEquals("connection_already_exists", error(r).get("code").asText());
            assertEquals(1, server.openPeerConnections());
        }
    }

    @Test
    void aPeerThatNeverConnects_isClosedAfterTheConnectTimeout_andFreesItsSlot() throws Exception {
        try (RtcTestClient silent = new RtcTestClient()) {
            // offer, but never apply the answer: ICE never completes
            String body = Wire.write(Map.of("sdp", silent.offer(), "type", "offer", "webrtc_id", "silent"));
            assertEquals(200, RtcTestClient.post(server, "/one", body).statusCode());
            assertEquals(1, server.sessionCount());
            awaitCount(server::sessionCount, 0);
            awaitCount(server::openPeerConnections, 0);
        }
        try (RtcTestClient next = new RtcTestClient()) {
            next.connect(server, "/one", "next");
            next.connected.get(10, TimeUnit.SECONDS);
            assertEquals("admitted", next.next("queue").get("state").asText(), "the slot was freed");
        }
    }

    @Test
    void aPeerThatDisappearsMidStream_endsItsSession_andReleasesEverything() throws Exception {
        RtcTestClient client = new RtcTestClient();
        client.connect(server, "/one", "vanishing");
        client.connected.get(10, TimeUnit.SECONDS);
        client.next("queue");
        client.push(halves(320, 240));
        client.close();
        awaitCount(server::sessionCount, 0);
        awaitCount(server::openPeerConnections, 0);
        try (RtcTestClient next = new RtcTestClient()) {
            next.connect(server, "/one", "after");
            next.connected.get(10, TimeUnit.SECONDS);
            assertEquals("admitted", next.next("queue").get("state").asText());
        }
    }

    @Test
    void overTheConcurrencyLimit_aSessionWaitsWithItsPosition_insteadOfBeingRefused() throws Exception {
        try (RtcTestClient first = new RtcTestClient(); RtcTestClient second = new RtcTestClient()) {
            first.connect(server, "/one", "first");
            first.connected.get(10, TimeUnit.SECONDS);
            assertEquals("admitted", first.next("queue").get("state").asText());
            second.connect(server, "/one", "second");
            second.connected.get(10, TimeUnit.SECONDS);
            JsonNode waiting = second.next("queue");
            assertEquals("waiting", waiting.get("state").asText());
            assertEquals(1, waiting.get("position").asInt());
            first.send("{\"type\":\"stop\"}");
            assertEquals("admitted", second.next("queue").get("state").asText(), "the next in line moves up");
        }
    }

    /**
     * FastRTC's notices on the data channel: send_input once admitted, fetch_output with each additional output,
     * end_stream when the handler ends the stream - for a client that offered as FastRTC's does. Riffle's client
     * (inputs in the offer) gets its own messages only.
     */
    @Test
    void aFastRtcClient_getsSendInputFetchOutputAndEndStream_riffleClientsDoNot() throws Exception {
        for (boolean fastRtc : new boolean[] {true, false}) {
            try (RtcTestClient client = new RtcTestClient()) {
                if (fastRtc) {
                    client.connect(server, "/count", "fastrtc-notices");
                } else {
                    client.connectWithInputs(server, "/count", "riffle-notices", List.of());
                }
                client.connected.get(10, TimeUnit.SECONDS);
                JsonNode closed = null;
                List<String> types = new ArrayList<>();
                for (int i = 0; i < 300 && closed == null; i++) {
                    client.push(halves(320, 240));
                    JsonNode m = client.messages.poll(33, TimeUnit.MILLISECONDS);
                    while (m != null) {
                        types.add(m.path("type").asText());
                        if (m.path("type").asText().equals("closed")) {
                            closed = m;
                            break;
                        }
                        m = client.messages.poll();
                    }
                }
                assertTrue(closed != null, "the handler ended the stream: " + types);
                assertEquals("closed_by_handler", closed.get("code").asText());
                assertEquals(2, types.stream().filter("outputs"::equals).count(), types.toString());
                if (fastRtc) {
                    assertEquals(List.of("send_input"), types.stream().filter("send_input"::equals).toList());
                    assertTrue(types.indexOf("send_input") > types.indexOf("queue"), "after admission: " + types);
                    assertEquals(2, types.stream().filter("fetch_output"::equals).count(), types.toString());
                    assertEquals(types.indexOf("outputs") + 1, types.indexOf("fetch_output"), types.toString());
                    assertEquals(types.size() - 2, types.indexOf("end_stream"), "end_stream, then closed: " + types);
                } else {
                    assertTrue(types.stream().noneMatch(t -> t.equals("send_input") || t.equals("fetch_output")
                            || t.equals("end_stream")), types.toString());
                }
            }
        }
    }

    /**
     * Mode.SEND: the handler sees every frame and its outputs come back, but no media does - the answer offers no
     * video to the client, and no frame arrives while outputs do.
     */
    @Test
    void aSendModeStream_sendsOutputsButNoMediaBack() throws Exception {
        try (RtcTestClient client = new RtcTestClient()) {
            JsonNode answer = client.connect(server, "/send", "send-only");
            String video = answer.get("sdp").asText().split("\nm=video ", 2)[1];
            assertTrue(video.contains("a=recvonly"), "the server only receives video: " + video);
            client.connected.get(10, TimeUnit.SECONDS);
            int outputs = 0;
            for (int i = 0; i < 300 && outputs < 10; i++) {
                client.push(halves(320, 240));
                JsonNode m = client.messages.poll(33, TimeUnit.MILLISECONDS);
                if (m != null && m.path("type").asText().equals("outputs")) {
                    assertEquals(320, m.get("values").get(0).asInt());
                    outputs++;
                }
            }
            assertEquals(10, outputs, "the handler ran and its outputs came back");
            assertEquals(0, client.frames.size(), "no frame came back");
        }
    }
}
