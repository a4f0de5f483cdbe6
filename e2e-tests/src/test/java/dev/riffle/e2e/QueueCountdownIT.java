package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.Placement;
import dev.riffle.blocks.Row;
import dev.riffle.filters.Filters;
import dev.riffle.server.RiffleServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wait a visitor sees while in line counts down: the server sends a queue message only when the position
 * changes, so the page counts the estimate down itself, every second.
 */
class QueueCountdownIT extends GalleryTestBase {
    static RiffleServer queueServer;

    @BeforeAll
    static void start() throws Exception {
        startGalleryWithMovingCamera();
        Image input = Image.webcam().label("Input");
        Image output = Image.output().label("Output");
        input.stream(Filters.IDENTITY).inputs(input).outputs(output)
                .timeLimit(15).streamEvery(0.1).concurrencyLimit(1).placement(Placement.SERVER);
        queueServer = RiffleServer.create()
                .app("/one-at-a-time", new Blocks("One at a time").add(Row.of(Column.of(input), Column.of(output))))
                .start();
    }

    @AfterAll
    static void stopQueueServer() {
        if (queueServer != null) {
            queueServer.close();
        }
    }

    static int seconds(String status) {
        Matcher m = Pattern.compile("position 1, about (\\d+) s").matcher(status);
        assertTrue(m.find(), "the status line gives the wait: " + status);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void waitingInLine_theEstimateCountsDownEverySecond() {
        try (BrowserContext first = chromium.browser().newContext();
                BrowserContext second = chromium.browser().newContext()) {
            Page a = open(first, queueServer, "/one-at-a-time/");
            a.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 0");

            Page b = open(second, queueServer, "/one-at-a-time/");
            String status = "riffle-webcam .riffle-status";
            b.waitForFunction("s => riffle.server.state === 'waiting'"
                    + " && document.querySelector(s).textContent.includes('about')", status);
            int queueMessages = ((Number) b.evaluate("riffle.server.messages.filter(m => m.type === 'queue').length"))
                    .intValue();
            int before = seconds(b.textContent(status));
            b.waitForTimeout(3_200);
            int after = seconds(b.textContent(status));
            assertEquals("waiting", b.evaluate("riffle.server.state"), "still in line");
            assertEquals(queueMessages, ((Number) b.evaluate(
                    "riffle.server.messages.filter(m => m.type === 'queue').length")).intValue(),
                    "no new queue message came meanwhile");
            assertTrue(after <= before - 2 && after >= before - 4,
                    "about 3 s less after 3.2 s: from " + before + " to " + after);
            b.click("riffle-webcam button");
            a.click("riffle-webcam button");
        }
    }
}
