package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.filters.Edges;
import dev.riffle.filters.Flip;
import dev.riffle.handler.VideoHandler;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Screenshots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gallery's Vaadin views in Chromium with a fake camera: the Java components render the client's elements, the
 * handler runs where the view's placement says, server-side Vaadin fields feed its inputs and show its outputs.
 * Each test saves a screenshot of its view for the README ({@code target/screenshots}).
 */
class VaadinViewsIT extends GalleryTestBase {

    @BeforeAll
    static void start() throws Exception {
        startGalleryWithMovingCamera();
    }

    /** Opens a Vaadin view, waits for its webcam element, turns on frame capture and presses Start. */
    static Page openView(BrowserContext context, String pathAndQuery) {
        return open(context, gallery, "/" + pathAndQuery);
    }

    /** Picks {@code choice} in the Vaadin select matching {@code selector}. */
    static void choose(Page page, String selector, String choice) {
        page.click(selector);
        page.click("vaadin-select-item:has-text('" + choice + "')");
    }

    /**
     * Waits for a frame the handler made with {@code input} as its first extra input, and checks its output is exactly
     * {@code filter} of the camera frame it came from.
     */
    static void assertFiltered(Page page, String input, VideoHandler filter) {
        page.waitForFunction("c => riffle.debug.last && riffle.debug.last.seq > 2"
                + " && riffle.debug.last.inputs[0] === c", input);
        LitePageTestBase.assertLastFiltered(page, filter, " with input '" + input + "'");
    }


    @Test
    void filterView_lite_handlerRunsInTheBrowser_andTheVaadinSelectFeedsIt() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = openView(context, "vaadin/realistic-image");
            assertFiltered(page, "flip", new Flip());
            assertTrue(((Number) page.evaluate("riffle.stats.wasmReadyAt")).doubleValue() > 0,
                    "the handler ran from the Lite bundle");
            assertEquals("", page.evaluate("riffle.server.transport"), "no server stream for placement LITE");
            assertTrue((Boolean) page.evaluate("document.querySelector('link[rel=icon]').href.startsWith('data:')"),
                    "the shell's icon is inline: no /favicon.ico request to answer with a 404");
            choose(page, "#transform", "edges");
            assertFiltered(page, "edges", new Edges());
            Screenshots.save(page, "vaadin-realistic-image");
        }
    }

    @Test
    void filterView_auto_aBrowserWithoutWebAssembly_streamsToTheServerInstead() {
        try (BrowserContext context = chromium.browser().newContext()) {
            // Chromium has no switch that turns WebAssembly (GC) off; the page loses it before any script runs
            context.addInitScript("delete globalThis.WebAssembly");
            Page page = openView(context, "vaadin/realistic-image?format=raw&transport=websocket");
            assertFiltered(page, "flip", new Flip());
            assertEquals("websocket", page.evaluate("riffle.server.transport"), "the same handler, on the server");
            assertTrue(((String) page.evaluate("riffle.server.liteFallback")).contains("no WebAssembly"),
                    () -> "why: " + page.evaluate("riffle.server.liteFallback"));
            awaitSessions(gallery, 1);
            choose(page, "#transform", "edges");
            assertFiltered(page, "edges", new Edges());
            stop(page, "riffle-webcam");
            awaitSessions(gallery, 0);
        }
    }

    @Test
    void filterView_server_websocket_outputIsExactlyTheFilterOfTheInput() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = openView(context, "vaadin/realistic-image?placement=server&format=raw&transport=websocket");
            assertFiltered(page, "flip", new Flip());
            assertEquals("websocket", page.evaluate("riffle.server.transport"));
            choose(page, "#transform", "edges");
            assertFiltered(page, "edges", new Edges());
        }
    }

    @Test
    void filterView_server_webrtc_framesComeBackOverWebRtc() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = openView(context, "vaadin/realistic-image?placement=server");
            page.waitForFunction("() => riffle.server.transport === 'webrtc' && riffle.stats.processed > 10");
            assertEquals("streaming", page.evaluate("riffle.server.state"));
            assertEquals(0L, ((Number) page.evaluate("riffle.server.fallbacks")).longValue());
            Screenshots.save(page, "vaadin-realistic-image-server");
        }
    }

    @Test
    void webRtcStream_videoSendReceive_theWebcamShowsItsFramesFlippedOnTheServer() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = openView(context, "vaadin/webrtc/video");
            page.waitForFunction("() => riffle.server.transport === 'webrtc' && riffle.stats.processed > 10");
            assertTrue((Boolean) page.evaluate("() => document.querySelector('#rtc riffle-webcam').hasAttribute('unified')"
                    + " && document.querySelectorAll('riffle-image, riffle-audio').length === 0"),
                    "video send-receive: the answer shows in place of the camera, no other player");
            Screenshots.save(page, "vaadin-webrtc-video");
            stop(page, "riffle-webcam");
        }
        // the same view over the WebSocket with raw frames: exactly the flip of each camera frame
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = openView(context, "vaadin/webrtc/video?transport=websocket&format=raw");
            page.waitForFunction("() => riffle.debug.last && riffle.debug.last.seq > 2");
            LitePageTestBase.assertLastFiltered(page, new Flip(), " of the WebRtcStream over the WebSocket");
        }
    }

    @Test
    void blocksRenderer_unifiedDemoOnTheServer_theWebcamShowsItsFramesFlipped() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = openView(context, "vaadin/blocks/unified-image?transport=websocket&format=raw");
            assertFiltered(page, "flip", new Flip());
            assertTrue((Boolean) page.evaluate("() => document.querySelector('riffle-webcam').hasAttribute('unified')"),
                    "the webcam shows the output in place");
            assertTrue((Boolean) page.evaluate("() => document.querySelector('.my-group') !== null"
                    + " && getComputedStyle(document.querySelector('.my-group')).maxWidth === '500px'"),
                    "the app's elem_classes and CSS apply");
            Screenshots.save(page, "vaadin-blocks-unified-image");
        }
    }

    @Test
    void blocksRenderer_liteDemo_runsInTheBrowser_andTheRenderedSelectFeedsIt() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = openView(context, "vaadin/blocks/lite-realistic-image");
            assertFiltered(page, "flip", new Flip());
            assertEquals("", page.evaluate("riffle.server.transport"), "Lite: no server session");
            choose(page, "vaadin-select", "edges");
            assertFiltered(page, "edges", new Edges());
        }
    }

    @Test
    void edgeCountView_numberFieldShowsTheHandlersOutput_andTheSliderChangesIt() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = openView(context, "vaadin/edge-count?transport=websocket");
            page.waitForFunction("() => document.querySelector('#queue-status').textContent.includes('Streaming')");
            // the number arrives through Vaadin Push from the handler's AdditionalOutputs
            page.waitForFunction("() => Number(document.querySelector('#count').value) > 0");
            double atDefault = ((Number) page.evaluate("Number(document.querySelector('#count').value)"))
                    .doubleValue();
            page.evaluate("() => { const s = document.querySelector('#threshold'); s.value = 250;"
                    + " s.dispatchEvent(new Event('change', { bubbles: true })); }");
            page.waitForFunction("() => riffle.debug.inputChanges.some(c => c.value[0] === 250)");
            page.waitForFunction("n => Number(document.querySelector('#count').value) < n * 0.8", atDefault);
            Screenshots.save(page, "vaadin-edge-count");
        }
    }
}
