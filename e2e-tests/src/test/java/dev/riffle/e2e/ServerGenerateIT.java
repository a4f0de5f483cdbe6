package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Screenshots;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Server-to-client streams started by a button (FastRTC's {@code mode="receive"}, the user guide's two examples in
 * the gallery): the generated tone plays in the page at its pitch for as long as it was generated, and the generated
 * video shows its colour bars with frame numbers that advance - over WebRTC and over the WebSocket, on the demos' own
 * pages and rendered as Vaadin views.
 */
class ServerGenerateIT extends GalleryTestBase {

    /** Reads the frame number (16 bits in the top row of 20 px blocks) and one colour-bar pixel of what is shown. */
    static final String READ_FRAME = """
            () => {
              const el = document.querySelector('riffle-image');
              const video = el.querySelector('video');
              const source = video && !video.hidden ? video : el.querySelector('canvas');
              const w = source.videoWidth || source.width, h = source.videoHeight || source.height;
              if (!w || !h) return null;
              const c = document.createElement('canvas');
              c.width = w; c.height = h;
              const ctx = c.getContext('2d', { willReadFrequently: true });
              ctx.drawImage(source, 0, 0);
              let n = 0;
              for (let bit = 0; bit < 16; bit++) {
                const p = ctx.getImageData(bit * 20 + 10, 10, 1, 1).data;
                n = n * 2 + (p[0] > 128 ? 1 : 0);
              }
              return { n, bar: Array.from(ctx.getImageData(40, 200, 1, 1).data), width: w };
            }
            """;

    @BeforeAll
    static void start() throws Exception {
        startGallery(Chromium.options());
    }


    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @CsvSource({"/server/generate-audio/, webrtc, server-generate-audio", "/server/generate-audio/, websocket, ",
        "/vaadin/blocks/generate-audio, webrtc, vaadin-generate-audio"})
    void theButtonStartsTheGeneratedTone_whichPlaysAtItsPitchThenEnds(String path, String transport,
            String screenshot) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(gallery.uri().resolve(path + "?transport=" + transport).toString());
            page.waitForFunction("() => window.riffle && document.querySelector('riffle-button button')");
            assertEquals("Generate", page.textContent("riffle-button button"));
            page.click("riffle-button button");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals(transport, page.evaluate("riffle.server.transport"));
            page.waitForFunction("() => riffle.audio.output.rms > 0.1");
            // the first loud 200 ms window may still hold the tone's onset: read the pitch once it has settled
            Map<String, Object> out = ServerAudioIT.awaitPitch(page, "output");
            assertEquals(440, ((Number) out.get("frequency")).doubleValue(), 15, "the tone's pitch: " + out);
            if (screenshot != null) {
                Screenshots.save(page, screenshot);
            }
            // 5 steps (the slider's default) of 0.5 s of tone, then the generator is done and the stream ends
            page.waitForFunction("() => riffle.server.state === 'closed'", null,
                    new Page.WaitForFunctionOptions().setTimeout(15_000));
            page.waitForFunction("() => document.querySelector('riffle-button button').textContent === 'Generate'");
            double audible = ((Number) page.evaluate("riffle.audio.audibleSamples / riffle.audio.sampleRate"))
                    .doubleValue();
            assertTrue(audible > 2.0 && audible < 3.0, "about 2.5 s of tone was heard, got " + audible + " s");
            List<Map<String, Object>> closed = (List<Map<String, Object>>) page.evaluate(
                    "riffle.server.messages.filter(m => m.type === 'closed')");
            assertEquals("closed_by_handler", closed.get(0).get("code"));
        }
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @CsvSource({"/server/generate-video/, webrtc, server-generate-video", "/server/generate-video/, websocket, ",
        "/vaadin/blocks/generate-video, webrtc, vaadin-generate-video",
        "/vaadin/webrtc/generate, webrtc, vaadin-webrtc-generate"})
    void theButtonStartsTheGeneratedVideo_andStopsIt(String path, String transport, String screenshot) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, path + "?transport=" + transport, "riffle-button");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals(transport, page.evaluate("riffle.server.transport"));
            page.waitForFunction("() => riffle.stats.processed > 3");
            if (screenshot != null) {
                Screenshots.save(page, screenshot);
            }
            Map<String, Object> first = (Map<String, Object>) page.evaluate(READ_FRAME);
            assertEquals(640, ((Number) first.get("width")).intValue());
            List<Number> bar = (List<Number>) first.get("bar");
            for (int i = 0; i < 3; i++) {
                assertEquals(192, bar.get(i).intValue(), 30, "the first colour bar is light grey: " + bar);
            }
            int n = ((Number) first.get("n")).intValue();
            // the frame numbers advance: one second of video at the generator's 30 fps
            page.waitForFunction("([read, n]) => (eval(read)()?.n ?? 0) >= n + 30", List.of(READ_FRAME, n),
                    new Page.WaitForFunctionOptions().setTimeout(10_000));
            stop(page, "riffle-button");
            assertEquals("Start", page.textContent("riffle-button button"));
            assertEquals(0, ((Number) page.evaluate("riffle.stats.errors")).intValue(),
                    () -> "errors: " + page.evaluate("riffle.stats.lastError"));
        }
    }

    /** Generate pressed right after Stop starts a whole new tone: the new stream runs until its generator is done. */
    @Test
    void generatePressedRightAfterStop_playsTheWholeToneAgain() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/generate-audio/?transport=webrtc", "riffle-button");
            for (int i = 0; i < 5; i++) {
                int round = i;
                page.waitForFunction("() => riffle.server.state === 'streaming'");
                page.click("riffle-button button"); // Stop
                page.click("riffle-button button"); // Generate, at once
                page.waitForFunction("() => riffle.server.state === 'streaming'");
                long started = System.nanoTime();
                // the tone lasts 3 s: a stream that ends within 1.5 s did not play it
                page.waitForFunction("() => riffle.server.state !== 'streaming' || riffle.audio.output.rms > 0.1");
                page.waitForTimeout(1500 - (System.nanoTime() - started) / 1_000_000.0);
                assertEquals("streaming", page.evaluate("riffle.server.state"), () -> "round " + round + ": "
                        + state(page));
            }
        }
    }
}
