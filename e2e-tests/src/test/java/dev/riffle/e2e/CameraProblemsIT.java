package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.riffle.blocks.StaticServer;
import dev.riffle.testkit.Chromium;
import org.junit.jupiter.api.Test;

/** A Lite page whose camera is denied or missing tells the user so instead of failing silently. */
class CameraProblemsIT {

    private static String messageAfterStart(Chromium.Options options) throws Exception {
        try (Chromium.Session chromium = Chromium.launch(options);
                StaticServer server = StaticServer.start(LitePageTestBase.liteDir(), 0)) {
            Page page = chromium.browser().newPage();
            page.navigate(server.url() + "realistic-image/");
            page.click("riffle-webcam button");
            page.waitForSelector("riffle-webcam .riffle-message:not([hidden])");
            assertEquals("Start", page.textContent("riffle-webcam button"), "back to Start, so the user can retry");
            assertEquals(0, ((Number) page.evaluate("riffle.stats.processed")).intValue());
            return page.textContent("riffle-webcam .riffle-message");
        }
    }

    @Test
    void deniedCamera_showsAClearMessage() throws Exception {
        String message = messageAfterStart(Chromium.options().denyPermissions());
        assertTrue(message.contains("Camera access was denied"), message);
    }

    @Test
    void missingCamera_showsAClearMessage() throws Exception {
        String message = messageAfterStart(Chromium.options().noDevices());
        assertTrue(message.contains("No camera found"), message);
    }
}
