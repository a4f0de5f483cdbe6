package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.LiteHandler;
import dev.riffle.media.VideoFrame;
import dev.riffle.testkit.BrowserTab;
import dev.riffle.testkit.PagePixels;
import dev.riffle.testkit.RifflePage;
import dev.riffle.testkit.Screenshots;
import dev.riffle.testkit.TestScenes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lite pages are for visitors' browsers, not only Chromium: the exported demo pages and the Lite runtime's JS API in
 * another engine (Firefox's SpiderMonkey, WebKit's JavaScriptCore), each checked byte for byte against the same
 * handler on the JVM. The browsers' own fake cameras feed the pages (they cannot play our scenes), so the check is
 * on whatever frame the page captured; the JS API gets generated scenes.
 */
abstract class OtherBrowsersLiteTests extends LiteSiteTests {
    /** Sizes with odd widths and heights, pyramids' rounding, and the camera's. */
    private static final int[][] SIZES = {{1, 1}, {7, 5}, {33, 17}, {97, 61}, {321, 241}, {640, 480}};

    /** A name for screenshots: firefox, webkit. */
    abstract String name();

    @Test
    void realisticImagePage_eachFilterOnTheCameraGivesTheJvmsBytes(RifflePage page) {
        page.open(server.url() + "realistic-image/").startWebcam().awaitProcessed(3);
        assertEquals(0, page.errors(), page.lastError());
        for (String choice : List.of("flip", "edges", "cartoon")) {
            page.setInput("Transformation", choice).awaitFrameWithInput(choice);
            RifflePage.Frame last = page.lastFrame();
            assertEquals(choice, last.inputs().get(0));
            LiteHandler handler = Filters.all().stream().filter(h -> h.id().equals(choice)).findFirst().orElseThrow();
            VideoFrame jvm = RealisticImageDemoIT.jvm(handler.create(), last.input());
            assertTrue(Arrays.equals(jvm.toByteArray(), last.output().toByteArray()),
                    () -> page.tab().browser() + ", " + choice + " on a " + last.input().width() + "x"
                            + last.input().height() + " camera frame: " + PagePixels.differingValues(jvm,
                                    last.output()) + " values differ from the JVM's");
        }
        Screenshots.save(page.tab(), "lite-realistic-image-" + name());
        page.stop();
    }

    @Test
    void unifiedImagePage_showsTheFlippedCameraInPlace(RifflePage page) {
        page.open(server.url() + "unified-image/").startWebcam().awaitProcessed(3);
        RifflePage.Frame last = page.lastFrame();
        assertEquals(List.of("flip"), last.inputs());
        VideoFrame jvm = RealisticImageDemoIT.jvm(Filters.FLIP.create(), last.input());
        assertTrue(Arrays.equals(jvm.toByteArray(), last.output().toByteArray()), "flip differs from the JVM's");
        assertEquals(0, page.errors(), page.lastError());
    }

    @Test
    void jsApi_eachBuiltInHandlerGivesTheJvmsBytesOnGeneratedScenes(RifflePage page) {
        page.open(server.url() + "realistic-image/");
        BrowserTab tab = page.tab();
        tab.call("async () => { const { loadLite } = await import('./riffle/lite-runtime.js');"
                + " window.parityLite = await loadLite(); }");
        List<String> differing = new ArrayList<>();
        int checked = 0;
        for (LiteHandler handler : List.of(Filters.FLIP, Filters.EDGES, Filters.CARTOON)) {
            for (int[] size : SIZES) {
                for (int scene = 0; scene < 2; scene++) {
                    VideoFrame in = TestScenes.moving(size[0], size[1], 11 * scene + size[1]);
                    VideoFrame out = VideoFrame.allocate(in.width(), in.height());
                    handler.create().handle(in, out, Inputs.none());
                    VideoFrame wasm = inWasm(tab, handler.id(), in);
                    if (!Arrays.equals(out.toByteArray(), wasm.toByteArray())) {
                        differing.add(handler.id() + " " + size[0] + "x" + size[1] + " scene " + scene + ": "
                                + PagePixels.differingValues(out, wasm) + " values");
                    }
                    checked++;
                }
            }
        }
        assertEquals(List.of(), differing, tab.browser() + ": outputs that differ from the JVM's, of " + checked);
    }

    /** {@code in} through the Wasm build of {@code handler} (the page's {@code parityLite}), copied out at once. */
    static VideoFrame inWasm(BrowserTab tab, String handler, VideoFrame in) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) tab.call("""
                (handler, w, h, b64) => {
                  const bytes = Uint8ClampedArray.from(atob(b64), c => c.charCodeAt(0));
                  const result = parityLite.process(handler, new ImageData(bytes, w, h), []);
                  const d = result.data;
                  let s = '';
                  for (let i = 0; i < d.length; i += 0x8000) {
                    s += String.fromCharCode.apply(null, d.subarray(i, i + 0x8000));
                  }
                  return { width: result.width, height: result.height, data: btoa(s) };
                }""", handler, in.width(), in.height(), Base64.getEncoder().encodeToString(in.toByteArray()));
        return PagePixels.frame(out, "data");
    }
}
