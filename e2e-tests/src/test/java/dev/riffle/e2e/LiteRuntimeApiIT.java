package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.blocks.StaticServer;
import dev.riffle.testkit.RiffleBrowser;
import dev.riffle.testkit.RifflePage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The documented JS API of the Lite runtime ({@code loadLite()} in {@code riffle/lite-runtime.js}) on pixels outside
 * the page renderer: what {@code process} returns is the caller's (the next call and memory growth leave it alone),
 * {@code processInto} fills the caller's ImageData, {@code processView} is a view the next call overwrites; a frame
 * above the Lite limit is refused with a message and the runtime goes on; the memory of a large frame is released
 * when frames get smaller.
 */
class LiteRuntimeApiIT {
    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.chromium().arg("--js-flags=--expose-gc")
            .arg("--enable-precise-memory-info");
    static StaticServer server;

    @BeforeAll
    static void serve() throws Exception {
        server = StaticServer.start(LitePageTestBase.liteDir(), 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void load(RifflePage page) {
        page.open(server.url() + "realistic-image/");
        page.page().evaluate("async () => { const { loadLite } = await import('./riffle/lite-runtime.js');"
                + " window.lite = await loadLite();"
                + " window.scene = (w, h, seed) => { const d = new Uint8ClampedArray(w * h * 4);"
                + "   for (let i = 0; i < d.length; i++) d[i] = (i * 7 + seed * 13 + (i >> 10)) & 255;"
                + "   return new ImageData(d, w, h); }; }");
    }

    @Test
    void process_returnsTheCallersCopy_thatTheNextCallAndMemoryGrowthLeaveAlone(RifflePage page) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) page.page().evaluate("""
                () => {
                  const a = lite.process('flip', scene(64, 48, 1), []);
                  const kept = a.data.slice();
                  lite.process('flip', scene(64, 48, 2), []);
                  lite.process('edges', scene(1920, 1080, 3), []);   // grows the runtime's memory
                  const same = a.data.length === kept.length && a.data.every((v, i) => v === kept[i]);
                  const view = lite.processView('flip', scene(64, 48, 1), []);
                  const viewFirst = view.data.slice(0, 16).join();
                  lite.processView('flip', scene(64, 48, 9), []);
                  const viewOverwritten = view.data.slice(0, 16).join() !== viewFirst;
                  const target = new ImageData(64, 48);
                  const into = lite.processInto('flip', scene(64, 48, 1), [], target);
                  return { same, length: a.data.length, viewOverwritten,
                           intoIsTarget: into === target, intoMatches: target.data.every((v, i) => v === kept[i]) };
                }""");
        assertEquals(true, r.get("same"), "process's result changed after later calls: " + r);
        assertEquals(64 * 48 * 4, ((Number) r.get("length")).intValue());
        assertEquals(true, r.get("viewOverwritten"), "processView is documented as overwritten by the next call: " + r);
        assertEquals(true, r.get("intoIsTarget"));
        assertEquals(true, r.get("intoMatches"), "processInto wrote the same pixels as process");
    }

    @Test
    void aFrameAboveTheLiteLimit_isRefusedWithAMessage_andTheRuntimeGoesOn(RifflePage page) {
        @SuppressWarnings("unchecked")
        List<Object> r = (List<Object>) page.page().evaluate("""
                () => {
                  let message = '';
                  try { lite.process('cartoon', new ImageData(8192, 8192), []); } catch (e) { message = e.message; }
                  const after = lite.process('flip', scene(32, 24, 4), []);
                  return [message, after.width, after.height];
                }""");
        assertTrue(String.valueOf(r.get(0)).startsWith("This frame is 8192x8192 (67.1 megapixels); a Lite page handles"
                + " at most 8.8 megapixels"), String.valueOf(r.get(0)));
        assertEquals(List.of(32, 24), List.of(((Number) r.get(1)).intValue(), ((Number) r.get(2)).intValue()));
    }

    @Test
    void theMemoryOfALargeFrame_isReleasedWhenFramesGetSmaller(RifflePage page) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) page.page().evaluate("""
                () => {
                  const heap = () => { gc(); gc(); return performance.memory.usedJSHeapSize; };
                  const before = heap();
                  const big = scene(4096, 2160, 5);
                  for (const h of ['transform', 'edges', 'cartoon']) lite.processView(h, big, ['cartoon']);
                  const large = heap();
                  for (const h of ['transform', 'edges', 'cartoon']) lite.processView(h, scene(320, 240, 6), ['cartoon']);
                  const small = heap();
                  return { before, large, small };
                }""");
        long before = ((Number) r.get("before")).longValue();
        long large = ((Number) r.get("large")).longValue();
        long small = ((Number) r.get("small")).longValue();
        // a 4096x2160 frame: the runtime's two frames alone hold 70 MB, the handlers' buffers several times that
        assertTrue(large - before > 100_000_000L, "the large frame's buffers: " + r);
        assertTrue(small - before < (large - before) / 10, "after 320x240 frames the large buffers must be gone: " + r);
    }
}
