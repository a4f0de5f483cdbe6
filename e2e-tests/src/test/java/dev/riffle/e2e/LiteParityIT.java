package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffle.filters.Filters;
import dev.riffle.handler.LiteHandler;
import dev.riffle.media.VideoFrame;
import dev.riffle.testkit.PagePixels;
import dev.riffle.testkit.PlaywrightTab;
import dev.riffle.testkit.TestScenes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same handler gives the same bytes on the JVM and as WebAssembly in Chromium: each built-in filter on camera-like
 * scenes of many sizes (odd, tiny, the camera's), run through the Lite runtime's {@code process} and compared byte
 * for byte with the handler run in this JVM.
 */
class LiteParityIT extends LitePageTestBase {
    /** Sizes the filters' borders, pyramids and odd widths meet; the camera's last. */
    private static final int[][] SIZES = {{1, 1}, {2, 3}, {7, 5}, {33, 17}, {64, 48}, {97, 61}, {160, 120},
        {321, 241}, {640, 480}};
    private static final int SCENES_PER_SIZE = 3;

    @BeforeEach
    void loadRuntime() {
        page.navigate(server.url() + "realistic-image/");
        page.waitForFunction("() => window.riffle && window.riffle.stats.wasmReadyAt > 0");
        page.evaluate("async () => { const { loadLite } = await import('./riffle/lite-runtime.js');"
                + " window.parityLite = await loadLite(); }");
    }

    @Test
    void flip_isByteIdenticalOnTheJvmAndInWasm() {
        assertParity(Filters.FLIP);
    }

    @Test
    void edges_isByteIdenticalOnTheJvmAndInWasm() {
        assertParity(Filters.EDGES);
    }

    @Test
    void cartoon_isByteIdenticalOnTheJvmAndInWasm() {
        assertParity(Filters.CARTOON);
    }

    private void assertParity(LiteHandler handler) {
        List<String> differing = new ArrayList<>();
        int scenes = 0;
        for (int[] size : SIZES) {
            for (int i = 0; i < SCENES_PER_SIZE; i++) {
                VideoFrame in = TestScenes.moving(size[0], size[1], 7 * i + size[0]);
                VideoFrame jvm = RealisticImageDemoIT.jvm(handler.create(), in);
                VideoFrame wasm = inWasm(handler.id(), in);
                int values = PagePixels.differingValues(jvm, wasm);
                if (values > 0 || !Arrays.equals(jvm.toByteArray(), wasm.toByteArray())) {
                    differing.add(size[0] + "x" + size[1] + " scene " + i + ": " + values + " values, max "
                            + PagePixels.maxDifference(jvm, wasm));
                }
                scenes++;
            }
        }
        assertEquals(List.of(), differing, handler.id() + ": scenes whose Wasm output differs from the JVM's, of "
                + scenes);
    }

    /** {@code in} through the Wasm build of {@code handler}, copied out of the Wasm memory at once. */
    private VideoFrame inWasm(String handler, VideoFrame in) {
        return OtherBrowsersLiteTests.inWasm(new PlaywrightTab(page), handler, in);
    }
}
