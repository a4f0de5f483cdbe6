package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.filters.Filters;
import dev.riffle.media.VideoFrame;
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
}
