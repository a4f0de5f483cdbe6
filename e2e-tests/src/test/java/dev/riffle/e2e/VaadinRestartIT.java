package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.examples.Gallery;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server restarts while a page streams: the page says so while it is down and streams again once it is back -
 * a plain server page by reconnecting, a Vaadin view by Vaadin reloading it (its UI is gone with the old server) and
 * the stream resuming by itself.
 */
class VaadinRestartIT extends GalleryTestBase {

    @BeforeAll
    static void start() throws Exception {
        startGalleryWithMovingCamera();
    }

    /** Streams {@code path}, stops the gallery, checks what the page says, and starts it again on the same port. */
    private static Page restartWhileStreaming(BrowserContext context, String path, AtomicInteger loads)
            throws Exception {
        Page page = open(context, gallery, path);
        page.onLoad(p -> loads.incrementAndGet());
        page.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 3");
        int port = gallery.uri().getPort();
        gallery.close();
        page.waitForFunction("() => document.querySelector('riffle-webcam').textContent"
                + ".includes('The server is stopping - reconnecting when it is back')");
        assertEquals("Stop", page.textContent("riffle-webcam button"), "still streaming as far as the user is concerned");
        gallery = Gallery.start(port, LitePageTestBase.liteDir());
        return page;
    }

    @Test
    void plainServerPage_reconnectsByItself_whenTheServerIsBack() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = restartWhileStreaming(context, "/server/realistic-image/?transport=websocket", loads);
            int before = ((Number) page.evaluate("riffle.stats.processed")).intValue();
            page.waitForFunction("n => riffle.server.state === 'streaming' && riffle.stats.processed > n + 3",
                    before);
            assertTrue(((Number) page.evaluate("riffle.server.reconnects")).intValue() > 0);
            assertEquals(0, loads.get(), "the same page, not a reload");
            assertEquals(1, gallery.sessionCount());
        }
    }

    @Test
    void vaadinView_isReloadedByVaadin_andItsStreamResumesByItself() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = restartWhileStreaming(context, "/vaadin/stream-events?transport=websocket", loads);
            // Vaadin's Push finds the new server, which does not know the old UI: Vaadin reloads the page
            page.waitForCondition(() -> loads.get() > 0);
            page.waitForFunction("() => window.riffle && riffle.server.state === 'streaming'"
                    + " && riffle.stats.processed > 3");
            assertEquals(1, gallery.sessionCount());
            assertEquals("Stop", page.textContent("riffle-webcam button"));
            assertTrue(page.textContent("#events").contains("admitted"), "the new UI's component heard it");
        }
    }
}
