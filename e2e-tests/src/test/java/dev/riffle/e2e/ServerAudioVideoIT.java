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
import dev.riffle.testkit.WavWriter;
import dev.riffle.testkit.Y4mWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Camera and microphone into one {@code AudioVideoStreamHandler} over real WebRTC (the gallery's
 * echo-audio-video demo): the page shows the flipped camera, checked in pixels, and plays the microphone's tone back,
 * its pitch and level measured in the page; forcing the WebSocket gets a clear refusal, since only WebRTC carries
 * both.
 */
class ServerAudioVideoIT extends GalleryTestBase {
    @BeforeAll
    static void start() throws Exception {
        Path still = Files.createTempFile("riffle-still", ".y4m");
        Y4mWriter.write(still, 640, 480, 30, 10, i -> TestScenes.moving(0));
        Path wav = Files.createTempFile("riffle-mic", ".wav");
        new WavWriter(48_000).tone(ServerAudioIT.TONE_HZ, ServerAudioIT.AMPLITUDE, 4).write(wav);
        startGallery(Chromium.options().camera(still).microphone(wav));
    }

    @ParameterizedTest
    @CsvSource({"/server/echo-audio-video/, server-echo-audio-video",
        "/vaadin/blocks/echo-audio-video, vaadin-echo-audio-video"})
    void cameraAndMicrophone_videoComesBackFlipped_andTheToneComesBack(String path, String screenshot) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, path);
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals("webrtc", page.evaluate("riffle.server.transport"));
            page.waitForFunction("() => riffle.debug.last && riffle.debug.last.seq > 60");
            RifflePage.Frame flip = new RifflePage(page).lastFrame();
            VideoFrame expected = RealisticImageDemoIT.jvm(new Flip(), flip.input());
            double error = ServerWebRtcIT.meanError(expected, flip.output());
            double unflipped = ServerWebRtcIT.meanError(flip.input(), flip.output());
            assertTrue(error < 8 && unflipped > 3 * error, "the camera comes back flipped: mean error " + error
                    + " to the flip, " + unflipped + " to the camera itself");

            page.waitForFunction("() => riffle.audio.output && riffle.audio.output.rms > 0.1");
            Map<String, Object> out = ServerAudioIT.awaitPitch(page, "output");
            // 5 Hz: the camera-and-microphone echo's answer reads up to ~3 Hz off in every 200 ms window of some runs
            // (WebRTC's jitter buffer stretching time under load); a wrong tone is far further off
            assertEquals(ServerAudioIT.TONE_HZ, ServerAudioIT.number(out, "frequency"), 5,
                    "the microphone's tone comes back at its pitch: " + out);
            double rms = ServerAudioIT.AMPLITUDE / Math.sqrt(2);
            assertEquals(rms, ServerAudioIT.number(out, "rms"), 0.1 * rms, "and level: " + out);
            Screenshots.save(page, screenshot);
            assertEquals(0, ((Number) page.evaluate("riffle.stats.errors")).intValue(),
                    () -> "errors: " + page.evaluate("riffle.stats.lastError"));

            stop(page, "riffle-webcam");
            awaitCount(() -> gallery.sessionCount() + gallery.openPeerConnections(), 0,
                    "sessions and peer connections", Duration.ofSeconds(5));
            assertEquals(0, gallery.sessionCount(), "stopping freed the session");
            assertEquals(0, gallery.openPeerConnections(), "and the peer connection");
        }
    }

    @Test
    void overTheWebSocket_theStreamIsRefusedClearly() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/echo-audio-video/?transport=websocket");
            page.waitForFunction("() => riffle.stats.errors > 0");
            assertTrue(String.valueOf(page.evaluate("riffle.stats.lastError")).contains("only WebRTC carries"),
                    () -> "error: " + page.evaluate("riffle.stats.lastError"));
        }
    }
}
