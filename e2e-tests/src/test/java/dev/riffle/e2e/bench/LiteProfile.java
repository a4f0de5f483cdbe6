package dev.riffle.e2e.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import dev.riffle.blocks.StaticServer;
import dev.riffle.testkit.Chromium;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Profiles one Lite handler in headless Chromium with the DevTools sampling profiler: ms per 640x480 frame and the
 * functions that took the samples. Run it with {@code ./dev profile [handler] [frames]}, which builds the Wasm
 * bundle with function names (a minified build shows {@code wasm-function[N]} instead).
 */
public final class LiteProfile {
    private LiteProfile() {
    }

    public static void main(String[] args) throws Exception {
        String handler = args.length > 0 ? args[0] : "cartoon";
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        Path liteDir = Path.of(System.getProperty("riffle.lite.dir", "examples/target/lite"));
        try (Chromium.Session chromium = Chromium.launch(Chromium.options());
                StaticServer server = StaticServer.start(liteDir, 0)) {
            Page page = chromium.browser().newPage();
            page.navigate(server.url() + "realistic-image/");
            page.waitForFunction("() => window.riffle && riffle.stats.wasmReadyAt > 0");
            // one synthetic frame (gradient, disc, text), then a time-based warm-up so V8 has tiered the Wasm up
            page.evaluate("""
                    async (h) => {
                      const { loadLite } = await import('./riffle/lite-runtime.js');
                      window.lite = await loadLite();
                      const c = document.createElement('canvas');
                      c.width = 640; c.height = 480;
                      const x = c.getContext('2d');
                      const g = x.createLinearGradient(0, 0, 640, 480);
                      g.addColorStop(0, '#eca'); g.addColorStop(1, '#235');
                      x.fillStyle = g; x.fillRect(0, 0, 640, 480);
                      x.fillStyle = '#c33'; x.beginPath(); x.arc(300, 200, 80, 0, 7); x.fill();
                      x.font = '60px sans-serif'; x.fillStyle = '#fff'; x.fillText('Riffle 12', 50, 420);
                      window.frame = x.getImageData(0, 0, 640, 480);
                      const t0 = performance.now();
                      while (performance.now() - t0 < 2000) lite.processView(h, frame, []);
                    }""", handler);
            CDPSession cdp = page.context().newCDPSession(page);
            cdp.send("Profiler.enable");
            JsonObject interval = new JsonObject();
            interval.addProperty("interval", 100);
            cdp.send("Profiler.setSamplingInterval", interval);
            cdp.send("Profiler.start");
            Object ms = page.evaluate("([h, n]) => { const t0 = performance.now();"
                    + " for (let i = 0; i < n; i++) lite.processView(h, frame, []); return (performance.now() - t0) / n; }",
                    new Object[] {handler, frames});
            JsonObject profile = cdp.send("Profiler.stop").getAsJsonObject("profile");
            report(handler, ((Number) ms).doubleValue(), profile);
        }
    }

    private static void report(String handler, double ms, JsonObject profile) {
        Map<Integer, String> names = new HashMap<>();
        for (JsonElement node : profile.getAsJsonArray("nodes")) {
            JsonObject n = node.getAsJsonObject();
            names.put(n.get("id").getAsInt(), n.getAsJsonObject("callFrame").get("functionName").getAsString());
        }
        Map<String, Integer> samples = new HashMap<>();
        int total = 0;
        for (JsonElement id : profile.getAsJsonArray("samples")) {
            samples.merge(names.get(id.getAsInt()), 1, Integer::sum);
            total++;
        }
        System.out.printf("%s: %.2f ms per 640x480 frame%n", handler, ms);
        int all = total;
        samples.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
    }
}
