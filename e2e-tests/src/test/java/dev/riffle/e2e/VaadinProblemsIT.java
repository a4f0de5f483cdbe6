package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.filters.Flip;
import dev.riffle.testkit.Chromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What goes wrong around a stream in a Vaadin view, in Chromium against the gallery: a camera or microphone that is
 * denied or missing, the webcam component removed and put back mid-stream or while queued, two tabs of one Vaadin
 * session. The gallery view {@code /vaadin/stream-events} ({@code StreamEventsView}) streams the flip filter on the
 * server, one session at a time, and logs the events its Java component receives in {@code #events}.
 */
class VaadinProblemsIT extends GalleryTestBase {

    @BeforeAll
    static void start() throws Exception {
        startGalleryWithMovingCamera();
    }

    @BeforeEach
    void noSessionLeftFromBefore() {
        awaitSessions(gallery, 0);
    }

    /** Opens the stream events view over the WebSocket with raw frames, and presses Start. */
    static Page openStreamEvents(BrowserContext context) {
        return open(context, gallery, "/vaadin/stream-events?transport=websocket&format=raw");
    }

    static String events(Page page) {
        return page.textContent("#events");
    }

    /** Waits until the view's server-side component has logged {@code line}. */
    static void awaitEvent(Page page, String line) {
        page.waitForFunction("l => document.querySelector('#events').textContent.split('\\n').includes(l)", line);
    }

    /** Starts a browser with {@code options}, opens {@code path}, presses Start, returns the device message. */
    private static String deviceMessage(Chromium.Options options, String path, String element, String event) {
        try (Chromium.Session other = Chromium.launch(options)) {
            Page page = other.browser().newPage();
            page.navigate(gallery.uri().resolve(path).toString());
            page.click(element + " button");
            page.waitForSelector(element + " .riffle-message:not([hidden])");
            assertEquals("Start", page.textContent(element + " button"), "back to Start, so the user can retry");
            if (event != null) {
                page.waitForFunction("() => document.querySelector('#events').textContent.includes('error ')");
                assertTrue(events(page).contains("error " + page.textContent(element + " .riffle-message")),
                        "the Java component heard the same message: " + events(page));
                assertFalse(events(page).contains("session"), "no server session was opened");
            }
            assertEquals(0, gallery.sessionCount());
            return page.textContent(element + " .riffle-message");
        }
    }

    @Test
    void deniedCamera_inAVaadinView_theWebcamSaysSo_andTheJavaComponentGetsAStreamError() {
        String message = deviceMessage(Chromium.options().denyPermissions(), "/vaadin/stream-events", "riffle-webcam",
                "error");
        assertTrue(message.contains("Camera access was denied"), message);
    }

    @Test
    void missingCamera_inAVaadinView_theWebcamSaysSo_andTheJavaComponentGetsAStreamError() {
        String message = deviceMessage(Chromium.options().noDevices(), "/vaadin/stream-events", "riffle-webcam", "error");
        assertTrue(message.contains("No camera found"), message);
    }

    @Test
    void deniedMicrophone_inARenderedVaadinView_theMicrophoneSaysSo() {
        String message = deviceMessage(Chromium.options().denyPermissions(), "/vaadin/blocks/echo-audio",
                "riffle-microphone", null);
        assertTrue(message.contains("Microphone access was denied"), message);
    }

    @Test
    void webcamRemovedMidStream_endsItsSessionAndCamera_andPutBackItStreamsAgain() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = openStreamEvents(context);
            page.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 3");
            assertEquals(1, gallery.sessionCount());
            page.evaluate("() => { window.cam = document.querySelector('riffle-webcam'); }");

            page.click("#detach");
            page.waitForFunction("() => !document.querySelector('riffle-webcam') && !cam.running && !cam.stream");
            awaitSessions(gallery, 0);

            page.click("#attach");
            page.waitForSelector("riffle-webcam button");
            // Vaadin puts the component back as a new element: it is wired again on attach, the old one stays off
            assertEquals(false, page.evaluate("() => cam.running"));
            assertEquals("Start", page.textContent("riffle-webcam button"));
            int before = ((Number) page.evaluate("riffle.stats.processed")).intValue();
            page.click("riffle-webcam button");
            page.waitForFunction("n => riffle.server.state === 'streaming' && riffle.stats.processed > n + 3",
                    before);
            assertEquals(1, gallery.sessionCount(), "one session again, not one per attach");
            LitePageTestBase.assertLastFiltered(page, new Flip(), " after putting the webcam back");
            String log = events(page);
            assertEquals(2, log.split("admitted", -1).length - 1, "admitted once per start: " + log);
        }
    }

    @Test
    void webcamRemovedWhileQueued_leavesTheQueue_andTheStreamingTabGoesOn() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page first = openStreamEvents(context);
            awaitEvent(first, "admitted");
            Page second = openStreamEvents(context);
            awaitEvent(second, "waiting 1");
            assertEquals(2, gallery.sessionCount(), "one streaming, one waiting");
            assertFalse(events(first).contains("waiting"), "the queue news went to the waiting tab's UI only");

            second.click("#detach");
            awaitSessions(gallery, 1);
            int before = ((Number) first.evaluate("riffle.stats.processed")).intValue();
            first.waitForFunction("n => riffle.stats.processed > n + 3", before);

            first.click("riffle-webcam button"); // Stop: nobody is left to admit
            awaitSessions(gallery, 0);
            assertFalse(events(second).contains("admitted"), "the removed webcam was never admitted: "
                    + events(second));
        }
    }

    @Test
    void twoTabsOfOneVaadinSession_eachStreamsWithItsOwnInputsAndOutputs() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page a = open(context, gallery, "/vaadin/edge-count?transport=websocket");
            Page b = open(context, gallery, "/vaadin/edge-count?transport=websocket");
            assertEquals(1, context.cookies().stream().filter(c -> c.name.equals("JSESSIONID")).count(),
                    "both tabs share one HTTP session");
            for (Page page : new Page[] {a, b}) {
                page.waitForFunction("() => Number(document.querySelector('#count').value) > 0");
            }
            assertEquals(2, gallery.sessionCount(), "each tab has its own stream session");
            b.evaluate("() => { const s = document.querySelector('#threshold'); s.value = 250;"
                    + " s.dispatchEvent(new Event('change', { bubbles: true })); }");
            b.waitForFunction("() => riffle.debug.inputChanges.some(c => c.value[0] === 250)");
            // the moving scene changes both counts; the higher threshold keeps b's well below a's
            b.waitForFunction("a => Number(document.querySelector('#count').value) < a * 0.8",
                    ((Number) a.evaluate("Number(document.querySelector('#count').value)")).doubleValue());
            assertEquals(100.0, ((Number) a.evaluate("Number(document.querySelector('#threshold').value)"))
                    .doubleValue(), "a's slider is its own");
        }
    }
}
