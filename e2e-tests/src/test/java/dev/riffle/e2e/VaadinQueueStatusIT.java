package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vaadin's {@code QueueStatus} follows its webcam through a removal from the view (the gallery view
 * {@code /vaadin/stream-events} streams over WebRTC, the default, and logs the Java component's events in
 * {@code #events}), and counts the wait down while in line ({@code /vaadin/edge-count}: two at a time, 60 s each).
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
    void webcamRemovedWhileStreaming_queueStatusGoesIdle_andTheLogSaysStoppedAndClosed() {
        try (BrowserContext context = chromium.browser().newContext()) {
            // over the WebSocket, as VaadinProblemsIT's removal tests (the status is the same on either transport)
            Page page = open(context, gallery, "/vaadin/stream-events?transport=websocket");
            page.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 3");
            page.waitForSelector("#queue-status[state=streaming]", ATTACHED);
            assertEquals("Streaming", page.textContent("#queue-status").strip());

            page.click("#detach");
            page.waitForFunction("() => !document.querySelector('riffle-webcam')");
            page.waitForSelector("#queue-status[state=idle]", ATTACHED);
            assertEquals("stopped", lastEvent(page), "the log: " + page.textContent("#events"));
            assertTrue(java.util.List.of(page.textContent("#events").strip().split("\n")).contains("closed stopped"),
                    "a closed line before it: " + page.textContent("#events"));
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

    static int seconds(Page page) {
        String status = page.textContent("#queue-status");
        Matcher m = Pattern.compile("position 1, about (\\d+) s").matcher(status);
        assertTrue(m.find(), "the status gives the wait: " + status);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void waitingInLine_queueStatusCountsTheEstimateDown() {
        try (BrowserContext first = chromium.browser().newContext();
                BrowserContext second = chromium.browser().newContext();
                BrowserContext third = chromium.browser().newContext()) {
            java.util.List<Page> streaming = new java.util.ArrayList<>();
            for (BrowserContext c : new BrowserContext[] {first, second}) {
                Page p = open(c, gallery, "/vaadin/edge-count");
                p.waitForSelector("#queue-status[state=streaming]", ATTACHED);
                streaming.add(p);
            }
            Page waiting = open(third, gallery, "/vaadin/edge-count");
            waiting.waitForFunction("() => document.querySelector('#queue-status').textContent.includes('about')");
            int before = seconds(waiting);
            waiting.waitForTimeout(3_200);
            int after = seconds(waiting);
            assertEquals("waiting", waiting.getAttribute("#queue-status", "state"), "still in line");
            assertTrue(after <= before - 2 && after >= before - 4,
                    "about 3 s less after 3.2 s: from " + before + " to " + after);
            // stopped, not left behind: a closed page's WebRTC session would hold its slot for seconds
            stop(waiting, "riffle-webcam");
            for (Page p : streaming) {
                stop(p, "riffle-webcam");
            }
            awaitSessions(gallery, 0);
        }
    }
}
