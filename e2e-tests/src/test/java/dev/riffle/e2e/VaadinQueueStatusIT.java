package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vaadin's {@code QueueStatus} follows its webcam through a removal from the view: the gallery view
 * {@code /vaadin/stream-events} streams over WebRTC (the default) and logs the Java component's events in
 * {@code #events}.
 */
class VaadinQueueStatusIT extends GalleryTestBase {
    /** The status line is empty, so of no size, when idle: wait for it to be there, not visible. */
    static final Page.WaitForSelectorOptions ATTACHED = new Page.WaitForSelectorOptions()
            .setState(WaitForSelectorState.ATTACHED);

    @BeforeAll
    static void start() throws Exception {
        startGalleryWithMovingCamera();
    }

    static String lastEvent(Page page) {
        String[] lines = page.textContent("#events").strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void webcamRemovedWhileStreaming_queueStatusGoesIdle_andTheLogSaysStopped() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/vaadin/stream-events");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            page.waitForSelector("#queue-status[state=streaming]", ATTACHED);
            assertEquals("Streaming", page.textContent("#queue-status").strip());

            page.click("#detach");
            page.waitForFunction("() => !document.querySelector('riffle-webcam')");
            page.waitForSelector("#queue-status[state=idle]", ATTACHED);
            assertEquals("stopped", lastEvent(page), "the log: " + page.textContent("#events"));
            awaitSessions(gallery, 0);

            page.click("#attach");
            page.waitForSelector("riffle-webcam button");
            assertEquals("Start", page.textContent("riffle-webcam button"));
            assertEquals("idle", page.getAttribute("#queue-status", "state"), "put back, it does not stream yet");
            assertEquals("", page.textContent("#queue-status").strip());

            page.click("riffle-webcam button");
            page.waitForSelector("#queue-status[state=streaming]", ATTACHED);
            stop(page, "riffle-webcam");
            page.waitForSelector("#queue-status[state=idle]", ATTACHED);
        }
    }
}
