package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Screenshots;
import dev.riffle.testkit.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The audio level meter over WebRTC, the default transport: the handler's answer comes back as a track that plays
 * in an audio element, and the meter beside it must still move while a tone plays. Also that the meter is labelled
 * and looks unlike the orange time-limit bar.
 */
class AudioLevelMeterIT extends GalleryTestBase {

    @BeforeAll
    static void start() throws Exception {
        Path wav = Files.createTempFile("riffle-mic", ".wav");
        new WavWriter(48_000).tone(ServerAudioIT.TONE_HZ, ServerAudioIT.AMPLITUDE, 4).write(wav);
        startGallery(Chromium.options().microphone(wav));
    }

    /** The meter's value once it has moved above 0.1 (fails after Playwright's 30 s). */
    static double awaitLevel(Page page, String meter) {
        page.waitForFunction("s => Number(document.querySelector(s).getAttribute('aria-valuenow')) > 0.1", meter);
        return Double.parseDouble(page.getAttribute(meter, "aria-valuenow"));
    }

    @ParameterizedTest
    @CsvSource({"/server/echo-audio/, riffle-microphone, riffle-microphone [role=meter]",
        "/server/echo-audio-video/, riffle-webcam, riffle-audio [role=meter]",
        "/vaadin/blocks/echo-audio, riffle-microphone, riffle-microphone [role=meter]"})
    void overWebRtc_theMeterFollowsTheAnswer(String path, String source, String meter) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, path, source);
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals("webrtc", page.evaluate("riffle.server.transport"));
            double level = awaitLevel(page, meter);
            assertTrue(level > 0.1 && level <= 1, "the meter moves with the tone: " + level);
            stop(page, source);
            page.waitForFunction("s => document.querySelector(s).getAttribute('aria-valuenow') === '0.00'", meter);
        }
    }

    @Test
    void overWebRtc_theGeneratedToneMovesTheOutputMeter() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/generate-audio/", "riffle-button");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals("webrtc", page.evaluate("riffle.server.transport"));
            assertTrue(awaitLevel(page, "riffle-audio [role=meter]") > 0.1);
        }
    }

    @Test
    void theMeterIsLabelled_andLooksUnlikeTheTimeLimitBar() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/echo-audio/", "riffle-microphone");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            String meter = "riffle-microphone [role=meter]";
            awaitLevel(page, meter);
            assertTrue(page.textContent(meter).contains("Level"), "the meter says what it is");
            assertTrue(page.getAttribute(meter, "aria-label").contains("level"), "and has an accessible name");
            Object meterColour = page.evaluate("s => { const m = document.querySelector(s);"
                    + " return getComputedStyle(m.querySelector('div div') ?? m.firstElementChild).backgroundColor; }",
                    meter);
            Object barColour = page.evaluate("getComputedStyle(document.querySelector("
                    + "'riffle-microphone .riffle-time-limit > div')).backgroundColor");
            assertNotEquals(barColour, meterColour, "the meter's colour differs from the time-limit bar's");
            double meterHeight = page.locator(meter).boundingBox().height;
            double barHeight = page.locator("riffle-microphone .riffle-time-limit").boundingBox().height;
            assertTrue(meterHeight >= 2 * barHeight, "the meter is taller than the thin bar: " + meterHeight);
            Screenshots.save(page, "level-meter");
        }
    }
}
