package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.testkit.BrowserTab;
import dev.riffle.testkit.RiffleBrowser;
import dev.riffle.testkit.RifflePage;
import dev.riffle.testkit.Screenshots;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a visitor whose browser cannot run the Lite bundle sees: Firefox with WebAssembly switched off
 * ({@code javascript.options.wasm = false}, as hardened set-ups do). Every browser here has WebAssembly GC, and
 * neither Firefox 153's {@code javascript.options.wasm_gc = false} nor Chromium 150's
 * {@code --js-flags=--no-experimental-wasm-gc} takes it away any more (both still validate a GC module), so this is
 * the engine-side refusal a test can really get; a browser without Wasm GC goes down the same path with the engine's
 * compile error in the message.
 */
class FirefoxWithoutWebAssemblyIT extends LiteSiteTests {
    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.firefox().pref("javascript.options.wasm", false);

    @Test
    void litePage_saysWhatItNeeds_andOffersNoStart(RifflePage page) {
        page.open(server.url() + "realistic-image/");
        BrowserTab tab = page.tab();
        tab.waitFor(java.time.Duration.ofSeconds(30), "() => !!document.querySelector('riffle-webcam button')");
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) tab.call("""
                () => {
                  const m = document.querySelector('.riffle-fatal');
                  return { message: m ? m.textContent : null, role: m && m.getAttribute('role'),
                           visible: !!m && m.getBoundingClientRect().height > 0,
                           startDisabled: document.querySelector('riffle-webcam button').disabled,
                           wasmReady: riffle.stats.wasmReadyAt };
                }""");
        Screenshots.save(tab, "lite-without-webassembly-firefox");
        String message = String.valueOf(shown.get("message"));
        assertEquals("The Lite handlers could not be loaded: This browser has no WebAssembly, so the Lite handlers"
                + " cannot run here. (this page needs a browser with WebAssembly GC, e.g. Chrome 119+, Firefox 120+,"
                + " Safari 18.2+).", message);
        assertEquals("alert", shown.get("role"), "screen readers announce it");
        assertEquals(Boolean.TRUE, shown.get("visible"));
        assertEquals(Boolean.TRUE, shown.get("startDisabled"), "no Start that would do nothing");
        assertEquals(0, ((Number) shown.get("wasmReady")).intValue(), "the runtime never became ready");
    }
}
