package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import dev.riffle.examples.Transcribe;
import dev.riffle.testkit.Screenshots;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Gradio user sees on the gallery's pages: each demo headed by its title, a sentence and a link back; media
 * boxes that keep their size on Start; the time-limit bar under the picture; the last frame kept on Stop; Vaadin
 * pages without a white margin, with a grouped unified demo, slider values and a styled not-found page; an index
 * that says what each page does.
 */
class PageLookIT extends GalleryTestBase {

    @BeforeAll
    static void start() throws Exception {
        startGalleryWithMovingCamera();
    }

    /** Opens {@code path} and waits until the page has rendered its {@code selector}, without pressing Start. */
    static Page visit(BrowserContext context, String path, String selector) {
        Page page = context.newPage();
        page.navigate(gallery.uri().resolve(path).toString());
        page.waitForSelector(selector);
        return page;
    }

    @ParameterizedTest
    @CsvSource({"/server/realistic-image/, Realistic image demo, filter you pick",
        "/server/edge-count/, Edge count, how many pixels are edges",
        "/server/read-text/, Read text (OCR), PaddleOCR",
        "/lite/unified-image/, Unified image demo, input and output",
        "/vaadin/blocks/echo-audio, Echo audio (StreamHandler), straight back"})
    void demoPage_hasItsTitleASentenceAndALinkBackToTheGallery(String path, String title, String sentence) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = visit(context, path, ".riffle-markdown h1");
            assertEquals(title, page.textContent(".riffle-markdown h1"));
            assertTrue(page.textContent(".riffle-markdown p").contains(sentence), page.textContent(".riffle-markdown"));
            String back = (String) page.evaluate("document.querySelector('.riffle-markdown a').href");
            String index = gallery.uri().resolve(path.startsWith("/lite/") ? "/lite/" : "/").toString();
            assertEquals(index, back, "the link goes back to the gallery");
        }
    }

    @Test
    void transcriptionPage_saysWhichPhrasesItRecognises() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = visit(context, "/server/transcribe/", ".riffle-markdown li");
            @SuppressWarnings("unchecked")
            List<String> listed = (List<String>) page.evaluate(
                    "[...document.querySelectorAll('.riffle-markdown li')].map(li => li.textContent)");
            assertEquals(Transcribe.PHRASES, listed);
        }
    }

    @ParameterizedTest
    @CsvSource({"/lite/unified-image/, lite-unified-before-start", "/server/realistic-image/, server-realistic-before",
        "/vaadin/realistic-image, vaadin-realistic-before"})
    void mediaBoxes_keepTheirSizeOnStart(String path, String screenshot) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = visit(context, path, "riffle-webcam button");
            page.waitForFunction("() => window.riffle");
            BoundingBox before = page.locator("riffle-webcam").boundingBox();
            BoundingBox outputBefore = page.locator("body").boundingBox();
            Screenshots.save(page, screenshot);
            page.click("riffle-webcam button");
            page.waitForFunction("() => riffle.stats.processed > 3");
            BoundingBox after = page.locator("riffle-webcam").boundingBox();
            BoundingBox outputAfter = page.locator("body").boundingBox();
            assertEquals(before.height, after.height, 3, "the webcam box keeps its height");
            assertEquals(before.width, after.width, 3, "and its width");
            assertEquals(outputBefore.height, outputAfter.height, 3, "the page does not jump");
            assertTrue(before.height > 250, "the box is the picture's size before Start: " + before.height);
        }
    }

    @Test
    void timeLimitBar_runsAlongTheBottomOfThePicture() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/realistic-image/");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            BoundingBox video = page.locator("riffle-webcam video.riffle-video:not(.riffle-remote)").boundingBox();
            BoundingBox bar = page.locator("riffle-webcam .riffle-time-limit").boundingBox();
            assertTrue(bar.y >= video.y + video.height - 1, "the bar is under the picture: bar at " + bar.y
                    + ", picture ends at " + (video.y + video.height));
            Screenshots.save(page, "server-realistic-streaming");
            stop(page, "riffle-webcam");
        }
    }

    /** The mean of the red, green and blue values of {@code selector}'s canvas, or -1 when it is hidden. */
    static double brightness(Page page, String selector) {
        return ((Number) page.evaluate("s => { const c = document.querySelector(s); if (c.hidden) return -1;"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let sum = 0;"
                + " for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];"
                + " return sum / (3 * d.length / 4); }", selector)).doubleValue();
    }

    @Test
    void serverOutputOverWebRtc_keepsTheLastFrameOnStop() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/realistic-image/");
            page.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 10");
            assertEquals("webrtc", page.evaluate("riffle.server.transport"));
            stop(page, "riffle-webcam");
            assertTrue((Boolean) page.evaluate("document.querySelector('riffle-image video').hidden"));
            double shown = brightness(page, "riffle-image canvas");
            assertTrue(shown > 20, "the output shows the last frame, not black: mean " + shown);
            Screenshots.save(page, "server-realistic-stopped");
        }
    }

    @Test
    void unifiedServerDemoOverWebRtc_keepsTheLastFrameOnStop() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/unified-image/");
            page.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 10");
            stop(page, "riffle-webcam");
            double shown = brightness(page, "riffle-webcam canvas.riffle-canvas");
            assertTrue(shown > 20, "the webcam shows the handler's last frame: mean " + shown);
            assertTrue((Boolean) page.evaluate("document.querySelector('riffle-webcam video.riffle-video').hidden"),
                    "in place of the empty camera");
        }
    }

    @Test
    void vaadinPages_haveNoWhiteMargin_andGroupTheUnifiedDemo() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = visit(context, "/vaadin/blocks/unified-image", "riffle-webcam button");
            assertEquals("0px", page.evaluate("getComputedStyle(document.body).marginLeft"));
            assertEquals("0px", page.evaluate("getComputedStyle(document.body).marginTop"));
            assertTrue((Boolean) page.evaluate("(() => { const g = document.querySelector('riffle-webcam')"
                    + ".parentElement; return g.classList.contains('riffle-group')"
                    + " && !!g.querySelector('vaadin-select'); })()"), "the dropdown and the webcam share one box, as"
                    + " gr.Group does");
            Screenshots.save(page, "vaadin-unified-before-start");

            page.navigate(gallery.uri().resolve("/vaadin/blocks/generate-audio").toString());
            page.waitForSelector("vaadin-slider-bubble");
            Screenshots.save(page, "vaadin-generate-audio-slider");
            // where the texts are drawn: the label's, and the value's in its bubble
            String textBox = "s => { const t = document.createRange(); t.selectNodeContents(document.querySelector(s));"
                    + " const r = t.getBoundingClientRect(); return r.height > 0 ? { top: r.top, bottom: r.bottom }"
                    + " : null; }";
            @SuppressWarnings("unchecked")
            Map<String, Number> bubble = (Map<String, Number>) page.evaluate(textBox, "vaadin-slider-bubble");
            @SuppressWarnings("unchecked")
            Map<String, Number> label = (Map<String, Number>) page.evaluate(textBox, "vaadin-slider label");
            assertTrue(bubble != null, "the slider shows its value");
            double bubbleTop = bubble.get("top").doubleValue();
            double labelTextBottom = label.get("bottom").doubleValue();
            assertTrue(bubbleTop >= labelTextBottom - 1, "the value's bubble does not cover 'Number of Steps':"
                    + " label text " + label + ", bubble " + bubble);
            assertEquals(1, page.locator("h1, h2").count(), "one heading: the app's own");

            page.navigate(gallery.uri().resolve("/vaadin/edge-count").toString());
            page.waitForSelector("riffle-webcam button");
            assertEquals(true, page.evaluate("document.querySelector('#threshold').valueAlwaysVisible"),
                    "the edge threshold shows its value");
            Screenshots.save(page, "vaadin-edge-count");
        }
    }

    @Test
    void unknownVaadinRoute_showsAStyledNotFoundPage() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            // Vaadin answers every route with its bootstrap page (200); the view it then shows is the test
            page.navigate(gallery.uri().resolve("/vaadin/no-such-demo").toString());
            page.waitForSelector("h1");
            assertEquals("Page not found", page.textContent("h1"));
            assertTrue(page.textContent("body").contains("vaadin/no-such-demo"));
            assertEquals(gallery.uri().resolve("/").toString(),
                    page.evaluate("document.querySelector('.riffle-not-found a').href"));
            Screenshots.save(page, "vaadin-not-found");
        }
    }

    @Test
    void galleryIndex_saysWhatEachPageDoes() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = visit(context, "/", ".riffle-gallery");
            String text = page.textContent(".riffle-gallery");
            assertTrue(text.contains("WebRTC, with a WebSocket fallback"), text);
            assertFalse(text.contains("over a WebSocket,"), "not 'a WebSocket' alone");
            assertTrue(text.contains("Edge count") && text.contains("Read text (OCR)"), "human titles");
            assertTrue(text.contains("OCR"), "read-text says it reads text");
            assertTrue(text.contains(LitePageTestBase.liteDir().toAbsolutePath().normalize().toString()),
                    "the Lite files' folder is the one the gallery was given: " + LitePageTestBase.liteDir());
            Screenshots.save(page, "gallery-index");
        }
    }
}
