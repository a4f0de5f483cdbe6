package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Screenshots;
import dev.riffle.testkit.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The microphone with its handler on the server: Chromium's fake microphone plays a 440 Hz tone, the page sends it
 * to the gallery's FastRTC-style echo {@code StreamHandler} - as 20 ms PCM chunks over the WebSocket, or as an Opus
 * track over WebRTC - and plays what comes back. The page measures level and pitch of both directions.
 */
class ServerAudioIT extends GalleryTestBase {
    static final double TONE_HZ = 440;
    static final double AMPLITUDE = 0.5;

    @BeforeAll
    static void start() throws Exception {
        Path wav = Files.createTempFile("riffle-mic", ".wav");
        new WavWriter(48_000).tone(TONE_HZ, AMPLITUDE, 4).write(wav);
        startGallery(Chromium.options().microphone(wav));
    }


    @SuppressWarnings("unchecked")
    static Map<String, Object> audio(Page page, String direction) {
        return (Map<String, Object>) page.evaluate("riffle.audio." + direction);
    }

    /**
     * The level and pitch of the last 200 ms of audio in {@code direction} once a window reads the tone's pitch
     * (within 2 Hz; 5 s at most). webrtc-java 0.14 pulls incoming WebRTC audio at slightly under 100 Hz (its issue
     * 243, fixed after 0.15, which is not served here), so now and then a 10 ms chunk is missing, and a window with
     * that gap reads a few Hz off; the pitch itself is what is checked.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> awaitPitch(Page page, String direction) {
        try {
            // the figures that met the wait, taken in the same instant: a later read may see the next window
            return (Map<String, Object>) page.waitForFunction("([d, hz]) => { const a = riffle.audio[d];"
                    + " return Math.abs(a.frequency - hz) < 2 ? { rms: a.rms, frequency: a.frequency } : null; }",
                    java.util.List.of(direction, TONE_HZ), new Page.WaitForFunctionOptions().setTimeout(5_000))
                    .jsonValue();
        } catch (com.microsoft.playwright.PlaywrightException never) {
            // the assertion the caller makes says what was read
            return audio(page, direction);
        }
    }

    static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @ParameterizedTest
    @CsvSource({"/server/echo-audio/, websocket, ", "/server/echo-audio/, webrtc, server-echo-audio",
        "/vaadin/blocks/echo-audio, webrtc, vaadin-echo-audio", "/vaadin/webrtc/audio, webrtc, vaadin-webrtc-audio"})
    void echoStreamHandler_theToneComesBackAtItsPitchAndLevel(String path, String transport, String screenshot) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, path + "?transport=" + transport, "riffle-microphone");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals(transport, page.evaluate("riffle.server.transport"));
            assertFalse((Boolean) page.evaluate("document.querySelector('riffle-microphone .riffle-time-limit').hidden"),
                    "the orange bar runs down the 15 s time limit");
            // one second of answers
            page.waitForFunction("() => riffle.audio.received >= 50");

            Map<String, Object> in = awaitPitch(page, "input");
            Map<String, Object> out = awaitPitch(page, "output");
            assertEquals(TONE_HZ, number(in, "frequency"), 2, "the fake microphone's tone reaches the page: " + in);
            assertEquals(TONE_HZ, number(out, "frequency"), 2, "and comes back from the server at its pitch: " + out);
            double rms = AMPLITUDE / Math.sqrt(2);
            assertEquals(rms, number(in, "rms"), 0.05 * rms, "input level " + in);
            assertEquals(number(in, "rms"), number(out, "rms"), 0.02 * rms, "the echo keeps the level: " + out);
            assertEquals(48_000, ((Number) page.evaluate("riffle.audio.sampleRate")).intValue());
            if (transport.equals("websocket")) {
                assertTrue(((Number) page.evaluate("riffle.audio.sent")).intValue() >= 50, "20 ms chunks sent");
            }
            assertEquals(0, ((Number) page.evaluate("riffle.stats.errors")).intValue(),
                    () -> "errors: " + page.evaluate("riffle.stats.lastError"));

            if (screenshot != null) {
                Screenshots.save(page, screenshot);
            }
            stop(page, "riffle-microphone");
            awaitCount(gallery::sessionCount, 0, "sessions", Duration.ofSeconds(5));
            assertEquals(0, gallery.sessionCount(), "stopping freed the session on the server");
        }
    }
}
