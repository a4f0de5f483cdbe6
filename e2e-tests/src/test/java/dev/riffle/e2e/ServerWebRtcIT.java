package dev.riffle.e2e;

import dev.riffle.testkit.RifflePage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.filters.Flip;
import dev.riffle.media.VideoFrame;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Screenshots;
import dev.riffle.testkit.TestScenes;
import dev.riffle.testkit.Y4mWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's handlers over real WebRTC between headless Chromium and webrtc-java on 127.0.0.1: the filter demo's
 * output checked in pixels, and the fallback to the WebSocket when a browser cannot use WebRTC.
 */
class ServerWebRtcIT extends GalleryTestBase {
    static Path still;

    @BeforeAll
    static void start() throws Exception {
        // a still scene: the output (a few frames behind the camera) is compared with the flip of the latest input
        still = Files.createTempFile("riffle-still", ".y4m");
        Y4mWriter.write(still, 640, 480, 30, 10, i -> TestScenes.moving(0));
        startGallery(Chromium.options().camera(still));
    }


    /** Mean absolute difference per channel value (RGB) between two frames of one size. */
    static double meanError(VideoFrame a, VideoFrame b) {
        long total = 0;
        for (int i = 0; i < a.pixelCount(); i++) {
            int p = a.pixel(i);
            int q = b.pixel(i);
            total += Math.abs((p & 0xFF) - (q & 0xFF)) + Math.abs((p >> 8 & 0xFF) - (q >> 8 & 0xFF))
                    + Math.abs((p >> 16 & 0xFF) - (q >> 16 & 0xFF));
        }
        return total / (3.0 * a.pixelCount());
    }

    @Test
    void filterDemoOverWebRtc_outputIsTheFlippedCamera() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/realistic-image/?transport=webrtc");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals("webrtc", page.evaluate("riffle.server.transport"));
            // VP8 starts blurry and sharpens within a second or two
            page.waitForFunction("() => riffle.debug.last && riffle.debug.last.seq > 60");
            RifflePage.Frame flip = new RifflePage(page).lastFrame();
            assertEquals(640, flip.output().width());
            VideoFrame expected = RealisticImageDemoIT.jvm(new Flip(), flip.input());
            double error = meanError(expected, flip.output());
            double unflipped = meanError(flip.input(), flip.output());
            assertTrue(error < 8, "two VP8 passes stay close to the exact flip: mean error " + error);
            assertTrue(unflipped > 3 * error, "and far from the unflipped camera (" + unflipped + "), so the check"
                    + " can fail");
            Screenshots.save(page, "server-realistic-image");
        }
    }

    /** The session's counters from the queue route of the page's first stream (with the session's token). */
    static final String SESSION_STATS = """
            async () => {
              const s = riffle.server.messages.find(m => m.type === 'session');
              const r = await fetch(location.pathname + 'streams/0/queue?webrtc_id=' + s.session_id,
                { headers: { Authorization: 'Bearer ' + s.token } });
              return (await r.json()).session;
            }
            """;

    /**
     * Gradio's stream_every over WebRTC: the camera's track runs at 30 fps, the demo's handler gets at most one frame
     * per 0.1 s (it got ~28 a second before), and the output shows the last result in between.
     */
    @Test
    @SuppressWarnings("unchecked")
    void filterDemoOverWebRtc_handlerGetsAFramePerStreamEvery() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/realistic-image/?transport=webrtc");
            page.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 5");
            Map<String, Object> first = (Map<String, Object>) page.evaluate(SESSION_STATS);
            long t0 = System.nanoTime();
            page.waitForTimeout(3000); // a rate is measured over time
            Map<String, Object> later = (Map<String, Object>) page.evaluate(SESSION_STATS);
            assertTrue(later != null, () -> "the session still runs: " + state(page));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = (((Number) later.get("processed")).longValue()
                    - ((Number) first.get("processed")).longValue()) / seconds;
            assertTrue(rate > 5 && rate < 11.5, "stream_every 0.1 s: about 10 frames a second reach the handler, got "
                    + rate + " (" + later + ")");
            assertTrue(((Number) later.get("skipped_by_stream_every")).longValue() > 0, later.toString());
            stop(page, "riffle-webcam");
        }
    }

    /** Over WebRTC the camera's track carries the frames: the page grabs none from the webcam but for debug capture. */
    @Test
    void overWebRtc_thePageGrabsNoFramesFromTheWebcam() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/realistic-image/?transport=webrtc");
            page.evaluate("riffle.debug.capture = false");
            page.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 10");
            String grabbed = "document.querySelector('riffle-webcam').seq";
            int before = ((Number) page.evaluate(grabbed)).intValue();
            int processed = ((Number) page.evaluate("riffle.stats.processed")).intValue();
            page.waitForFunction("n => riffle.stats.processed > n + 20", processed);
            assertEquals(before, ((Number) page.evaluate(grabbed)).intValue(),
                    "no webcam frame grabbed while the track carried 20 more");
            // a debug capture pairs the output with the camera frame: grabbing resumes for it
            page.evaluate("riffle.debug.capture = true");
            page.waitForFunction("n => " + grabbed + " > n + 3", before);
            stop(page, "riffle-webcam");
        }
    }

    @Test
    void whenWebRtcCannotConnect_thePageFallsBackToTheWebSocket_andSaysSo() {
        // a page whose peer connections may only use TURN relays, and there are none: WebRTC cannot connect, as
        // behind a firewall that drops UDP
        try (BrowserContext context = chromium.browser().newContext()) {
            context.addInitScript("""
                    const Original = window.RTCPeerConnection;
                    window.RTCPeerConnection = function (config) {
                      return new Original({ ...(config || {}), iceTransportPolicy: 'relay' });
                    };
                    window.RTCPeerConnection.prototype = Original.prototype;
                    """);
            Page page = open(context, gallery, "/server/realistic-image/");
            page.waitForFunction("() => riffle.server.state === 'streaming'", null,
                    new Page.WaitForFunctionOptions().setTimeout(20_000));
            assertEquals("websocket", page.evaluate("riffle.server.transport"));
            assertEquals(1, ((Number) page.evaluate("riffle.server.fallbacks")).intValue());
            String status = page.textContent("riffle-webcam .riffle-status");
            assertTrue(status.contains("WebRTC could not connect") && status.contains("WebSocket"), status);
            page.waitForFunction("() => riffle.stats.processed > 3");
        }
    }
}
