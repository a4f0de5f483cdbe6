package dev.riffle.e2e;

import com.microsoft.playwright.Page;
import dev.riffle.testkit.RifflePage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Cartoon;
import dev.riffle.filters.Edges;
import dev.riffle.filters.Flip;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import dev.riffle.testkit.PagePixels;
import dev.riffle.testkit.Screenshots;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's realistic image demo as a Lite page, in Chromium with a fake camera. */
class RealisticImageDemoIT extends LitePageTestBase {

    static VideoFrame jvm(VideoHandler handler, VideoFrame in) {
        VideoFrame out = VideoFrame.allocate(in.width(), in.height());
        handler.handle(in, out, Inputs.none());
        return out;
    }

    /**
     * The page named every script module it loaded in a modulepreload link (so they come in one round, not one
     * import level after another) and preloaded none it did not load.
     */
    @SuppressWarnings("unchecked")
    static void assertPreloadsAreTheModulesLoaded(Page page) {
        List<String> loaded = (List<String>) page.evaluate("() => performance.getEntriesByType('resource')"
                + ".map(e => new URL(e.name).pathname).filter(p => p.endsWith('.js')).sort()");
        List<String> preloaded = (List<String>) page.evaluate("() => [...document.querySelectorAll("
                + "'link[rel=modulepreload]')].map(l => new URL(l.href).pathname).sort()");
        assertEquals(preloaded, loaded, "script modules preloaded vs loaded");
    }

    @Test
    void page_preloadsExactlyTheScriptModulesItLoads() {
        openAndStart("realistic-image");
        awaitProcessed(1);
        assertPreloadsAreTheModulesLoaded(page);
    }

    /** Starts the demo, picks {@code choice} in the dropdown and returns the first frame processed with it. */
    private RifflePage.Frame streamWith(String choice) {
        openAndStart("realistic-image");
        page.selectOption("riffle-dropdown select", choice);
        page.waitForFunction("c => riffle.debug.last && riffle.debug.last.inputs[0] === c", choice);
        return lastRecorded();
    }

    @Test
    void flip_outputIsTheCapturedFrameFlipped_andIsShown() {
        openAndStart("realistic-image");
        awaitProcessed(3);
        Screenshots.save(page, "lite-realistic-image");
        page.click("riffle-webcam button"); // stop
        RifflePage.Frame last = lastRecorded();
        assertEquals("flip", last.inputs().get(0));
        assertEquals(640, last.input().width());
        assertEquals(480, last.input().height());
        assertArrayEquals(jvm(new Flip(), last.input()).toByteArray(), last.output().toByteArray());
        assertArrayEquals(last.output().toByteArray(), PagePixels.canvas(page, "riffle-image canvas").toByteArray(),
                "the output image shows the last processed frame");
    }

    @Test
    void edges_outputIsByteIdenticalToTheJvmCanny() {
        RifflePage.Frame last = streamWith("edges");
        VideoFrame expected = jvm(new Edges(), last.input());
        assertArrayEquals(expected.toByteArray(), last.output().toByteArray());
        int edgePixels = 0;
        for (int i = 0; i < expected.pixelCount(); i++) {
            edgePixels += (expected.pixel(i) & 0xFF) == 255 ? 1 : 0;
        }
        assertTrue(edgePixels > 500, "the scene has edges: " + edgePixels);
    }

    @Test
    void cartoon_outputIsByteIdenticalToTheJvmCartoon() {
        RifflePage.Frame last = streamWith("cartoon");
        VideoFrame expected = jvm(new Cartoon(), last.input());
        assertArrayEquals(expected.toByteArray(), last.output().toByteArray(),
                PagePixels.differingValues(expected, last.output()) + " values differ");
    }

    @Test
    void dropdownChange_appliesWithinTwoFrames() {
        openAndStart("realistic-image");
        awaitProcessed(2);
        page.selectOption("riffle-dropdown select", "edges");
        page.waitForFunction("() => riffle.debug.log.some(e => e.inputs[0] === 'edges')");
        int changedAfter = ((Number) page.evaluate("riffle.debug.inputChanges.at(-1).afterSeq")).intValue();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> log = (List<Map<String, Object>>) page.evaluate("riffle.debug.log");
        int firstEdges = Integer.MAX_VALUE;
        for (Map<String, Object> entry : log) {
            int seq = ((Number) entry.get("seq")).intValue();
            String value = String.valueOf(((List<?>) entry.get("inputs")).get(0));
            if (seq <= changedAfter) {
                assertEquals("flip", value, "frame " + seq + " began before the change");
            } else if (value.equals("edges")) {
                firstEdges = Math.min(firstEdges, seq);
            }
        }
        assertTrue(firstEdges <= changedAfter + 2,
                "changed after frame " + changedAfter + ", first edges frame " + firstEdges);
    }

    @Test
    void stopThenStart_pausesAndResumesTheStream() {
        openAndStart("realistic-image");
        awaitProcessed(2);
        page.click("riffle-webcam button");
        page.waitForFunction("() => document.querySelector('riffle-webcam').stream === null");
        int stoppedAt = ((Number) page.evaluate("riffle.stats.processed")).intValue();
        // no event marks "nothing happened": watch five stream periods (0.1 s each)
        page.waitForTimeout(500);
        assertEquals(stoppedAt, ((Number) page.evaluate("riffle.stats.processed")).intValue(),
                "no frames after Stop");
        assertEquals("Start", page.textContent("riffle-webcam button"));
        page.click("riffle-webcam button");
        awaitProcessed(stoppedAt + 2);
        assertEquals("Stop", page.textContent("riffle-webcam button"));
    }
}
