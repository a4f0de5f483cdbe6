package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Screenshots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A machine with two cameras: once the webcam has started (the page may then list devices), a chooser offers both,
 * and picking the other one streams from it.
 */
class DeviceChooserIT extends GalleryTestBase {

    @BeforeAll
    static void start() throws Exception {
        // Chromium's fake capture with two cameras (the last --use-fake-device-for-media-stream wins)
        startGallery(Chromium.options().arg("--use-fake-device-for-media-stream=device-count=2"));
    }

    @Test
    void twoCameras_theChooserOffersBoth_andThePickedOneStreams() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/lite/simplest-echo/");
            page.waitForFunction("() => riffle.stats.processed > 3");
            page.waitForSelector("riffle-webcam select.riffle-device");
            assertEquals(2, ((Number) page.evaluate("document.querySelectorAll('riffle-webcam .riffle-device option')"
                    + ".length")).intValue());
            String current = (String) page.evaluate("document.querySelector('riffle-webcam').stream"
                    + ".getVideoTracks()[0].getSettings().deviceId");
            assertEquals(current, page.inputValue("riffle-webcam .riffle-device"), "the camera in use is selected");
            Screenshots.save(page, "device-chooser");

            String other = (String) page.evaluate("(() => { const select = document.querySelector("
                    + "'riffle-webcam .riffle-device'); return [...select.options].map(o => o.value)"
                    + ".find(v => v !== select.value); })()");
            assertNotEquals(current, other);
            page.selectOption("riffle-webcam .riffle-device", other);
            page.waitForFunction("id => { const s = document.querySelector('riffle-webcam').stream;"
                    + " return s && s.getVideoTracks()[0].getSettings().deviceId === id; }", other);
            int before = ((Number) page.evaluate("riffle.stats.processed")).intValue();
            page.waitForFunction("n => riffle.stats.processed > n + 3", before);
            assertTrue((Boolean) page.evaluate("document.querySelector('riffle-webcam').running"));
        }
    }

    @Test
    void beforeStart_noChooserShows() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(gallery.uri().resolve("/lite/simplest-echo/").toString());
            page.waitForSelector("riffle-webcam button");
            assertTrue((Boolean) page.evaluate("document.querySelector('riffle-webcam .riffle-device').hidden"),
                    "no chooser before the page may list the devices");
        }
    }
}
