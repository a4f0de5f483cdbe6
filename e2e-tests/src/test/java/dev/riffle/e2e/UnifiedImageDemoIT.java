package dev.riffle.e2e;

import dev.riffle.testkit.RifflePage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Flip;
import dev.riffle.testkit.PagePixels;
import dev.riffle.testkit.Screenshots;
import org.junit.jupiter.api.Test;

/** The seed's unified image demo and simplest echo as Lite pages. */
class UnifiedImageDemoIT extends LitePageTestBase {

    @Test
    void unified_webcamShowsTheProcessedStreamInPlace() {
        openAndStart("unified-image");
        awaitProcessed(3);
        Screenshots.save(page, "lite-unified-image");
        page.click("riffle-webcam button");
        RifflePage.Frame last = lastRecorded();
        assertArrayEquals(RealisticImageDemoIT.jvm(new Flip(), last.input()).toByteArray(),
                last.output().toByteArray());
        // shown in the webcam element itself, while streaming; no separate output image
        assertEquals(0, page.locator("riffle-image").count());
        assertArrayEquals(last.output().toByteArray(),
                PagePixels.canvas(page, "riffle-webcam canvas.riffle-canvas").toByteArray());
    }

    @Test
    void unified_appliesTheSeedsCss() {
        page.navigate(server.url() + "unified-image/");
        // the page renders its layout once its elements' modules have loaded
        page.waitForSelector(".my-group");
        String maxWidth = (String) page.evalOnSelector(".my-group", "e => getComputedStyle(e).maxWidth");
        assertEquals("500px", maxWidth);
        String justify = (String) page.evalOnSelector(".my-column", "e => getComputedStyle(e).justifyContent");
        assertEquals("center", justify);
    }

    @Test
    void unified_keepsTheButtonInsideTheSeedsHeightLimitedGroup() {
        openAndStart("unified-image");
        awaitProcessed(2);
        var group = page.locator(".my-group").boundingBox();
        var button = page.locator("riffle-webcam button").boundingBox();
        assertTrue(group.height <= 502.5, "the seed's max-height (500 px + 1 px borders) holds: " + group.height);
        assertTrue(button.y + button.height <= group.y + group.height, "the Stop button is not cut off");
    }

    @Test
    void simplestEcho_returnsTheFrameUnchanged() {
        openAndStart("simplest-echo");
        awaitProcessed(3);
        RifflePage.Frame last = lastRecorded();
        assertArrayEquals(last.input().toByteArray(), last.output().toByteArray());
        assertTrue(last.input().pixel(320, 240) != 0, "a real frame, not an empty buffer");
    }
}
