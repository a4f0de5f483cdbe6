package dev.riffle.e2e.bench;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.examples.Gallery;
import dev.riffle.server.RiffleServer;
import dev.riffle.testkit.Chromium;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Vaadin benchmark, in one headless Chromium run against the examples gallery in this JVM (all on 127.0.0.1):
 * <ul>
 * <li>the Vaadin filter demo ({@code /vaadin/realistic-image}, handler = flip) with placement LITE, SERVER over
 * WebRTC and SERVER over the WebSocket, alternating, side by side with the same handler on the gallery's plain
 * (non-Vaadin) pages: per-frame latency from the moment the camera drew a frame to the moment the output shows it
 * (frames carry their number in pixels, see {@code bench/tagged-camera.js}), frames shown per second, and the time
 * from navigation (a fresh browser context) to the first processed frame and from the Start click to it;</li>
 * <li>the production jar's start-up: {@code java -jar examples/target/riffle-gallery.jar}, to its "listening" line,
 * to the first HTTP answer of {@code /}, to the first Vaadin view ready in the browser, and its RSS then.</li>
 * </ul>
 * Prints a Markdown report and writes it to {@code e2e-tests/target/bench/vaadin-benchmark.md}. Run it with
 * {@code ./dev bench-vaadin}; {@code -Driffle.bench.seconds} (default 10), {@code -Driffle.bench.rounds} (default 2)
 * and {@code -Driffle.bench.starts} (default 3) change the run.
 */
public final class VaadinBenchmark {
    private static final Pattern LISTENING = Pattern.compile("Riffle gallery: (http://\\S+)");

    /** One page to measure: a label, the gallery path, and the transport a server placement must end up on. */
    private record Variant(String label, String path, String transport) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("Vaadin view, placement LITE (Wasm in the page)", "/vaadin/realistic-image", ""),
            new Variant("Vaadin view, placement SERVER over WebRTC",
                    "/vaadin/realistic-image?placement=server&transport=webrtc", "webrtc"),
            new Variant("Vaadin view, placement SERVER over the WebSocket",
                    "/vaadin/realistic-image?placement=server&transport=websocket", "websocket"),
            new Variant("plain Lite page (no Vaadin)", "/lite/realistic-image/", ""),
            new Variant("plain server page over WebRTC (no Vaadin)", "/server/realistic-image/?transport=webrtc",
                    "webrtc"),
            new Variant("plain server page over the WebSocket (no Vaadin)",
                    "/server/realistic-image/?transport=websocket", "websocket"));

    private VaadinBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("riffle.bench.seconds", 10);
        int rounds = Integer.getInteger("riffle.bench.rounds", 2);
        int starts = Integer.getInteger("riffle.bench.starts", 3);
        Path liteDir = Path.of(System.getProperty("riffle.lite.dir", "examples/target/lite"));
        Path jar = Path.of(System.getProperty("riffle.gallery.jar", "examples/target/riffle-gallery.jar"));
        String camera;
        try (InputStream in = VaadinBenchmark.class.getResourceAsStream("/bench/tagged-camera.js")) {
            camera = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder report = new StringBuilder();
        try (Chromium.Session chromium = Chromium.launch(Chromium.options())) {
            report.append("Chromium ").append(chromium.browser().version()).append(", ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                    .append(Runtime.version().feature()).append(". Camera: 640x480 canvas at 30 fps; the view's"
                            + " webcam samples a frame every 0.1 s for Lite and the WebSocket (stream_every), WebRTC"
                            + " carries the camera track. ").append(seconds).append(" s measured per row after the"
                            + " first frame.\n\n");
            try (RiffleServer gallery = Gallery.start(0, liteDir)) {
                report.append("### The filter demo (flip): latency from camera frame to shown output\n\n")
                        .append("| round | page | transport | navigation -> first frame (ms) | Start -> first frame"
                                + " (ms) | frames shown / s | latency p50 (ms) | p95 (ms) | unreadable |\n")
                        .append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
                for (int round = 1; round <= rounds; round++) {
                    for (Variant variant : VARIANTS) {
                        String line = measure(chromium, gallery, camera, variant, seconds, round);
                        report.append(line);
                        System.out.print(line);
                    }
                }
            }
            if (starts > 0) {
                startUp(chromium, jar, starts, report);
            }
        }
        BenchReport.write("vaadin-benchmark.md", report);
        // webrtc-java's native threads attached to the JVM would keep it alive
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static String measure(Chromium.Session chromium, RiffleServer gallery, String camera, Variant variant,
            int seconds, int round) throws InterruptedException {
        try (BrowserContext context = chromium.browser().newContext()) {
            context.addInitScript(camera);
            Page page = context.newPage();
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    System.err.println("[page] " + m.text());
                }
            });
            page.navigate(gallery.uri().resolve(variant.path()).toString());
            page.waitForSelector("riffle-webcam button");
            page.evaluate("() => { riffleBench.startClickedAt = performance.now();"
                    + " document.querySelector('riffle-webcam button').click(); }");
            page.waitForFunction("() => riffleBench.firstOutputAt > 0", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            String transport = (String) page.evaluate("() => window.riffle?.server?.transport ?? ''");
            if (!transport.equals(variant.transport())) {
                throw new IllegalStateException(variant.label() + " ran over '" + transport + "'");
            }
            page.evaluate("() => riffleBench.reset()");
            Thread.sleep(seconds * 1000L); // the measurement window itself
            Map<String, Object> r = (Map<String, Object>) page.evaluate("() => ({ first: riffleBench.firstOutputAt,"
                    + " start: riffleBench.startClickedAt, latencies: riffleBench.latencies,"
                    + " unreadable: riffleBench.unreadable, ms: performance.now() - riffleBench.since })");
            List<Double> latencies = new ArrayList<>(((List<Number>) r.get("latencies")).stream()
                    .map(Number::doubleValue).sorted().toList());
            double first = num(r.get("first"));
            return String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.0f | %.1f | %.0f | %.0f | %d |%n", round,
                    variant.label(), transport.isEmpty() ? "none (in the page)" : transport, first,
                    first - num(r.get("start")), latencies.size() * 1000.0 / num(r.get("ms")),
                    percentile(latencies, 0.5), percentile(latencies, 0.95), (long) num(r.get("unreadable")));
        }
    }

    /**
     * Starts the production jar {@code starts} times: the time to its "listening" line, to the first answer of
     * {@code /}, to the filter view ready in the browser (its webcam element rendered), and its RSS then.
     */
    private static void startUp(Chromium.Session chromium, Path jar, int starts, StringBuilder report)
            throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No production jar at " + jar.toAbsolutePath()
                    + " (./dev bench-vaadin builds it)");
        }
        report.append("\n### Production jar start-up (`java -jar ").append(jar).append(" --port 0`)\n\n")
                .append("| start | JVM launch -> listening line (ms) | -> first answer of / (ms) | -> Vaadin view"
                        + " ready in the browser (ms) | RSS then (MB) |\n|---|---:|---:|---:|---:|\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path dir = Files.createTempDirectory("riffle-lite");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 1; i <= starts; i++) {
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--dir",
                    dir.toString()).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                URI uri = null;
                for (String line; uri == null && (line = out.readLine()) != null;) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        uri = URI.create(m.group(1));
                    }
                }
                if (uri == null) {
                    throw new IllegalStateException("the gallery jar exited with " + process.waitFor());
                }
                long listening = System.nanoTime();
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep its output flowing
                HttpResponse<Void> index = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (index.statusCode() != 200) {
                    throw new IllegalStateException("GET / answered " + index.statusCode());
                }
                long answered = System.nanoTime();
                try (BrowserContext context = chromium.browser().newContext()) {
                    Page page = context.newPage();
                    page.navigate(uri.resolve("/vaadin/realistic-image").toString());
                    page.waitForSelector("riffle-webcam button");
                }
                long viewReady = System.nanoTime();
                String line = String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.0f |%n", i,
                        (listening - t0) / 1e6, (answered - t0) / 1e6, (viewReady - t0) / 1e6,
                        rssMb(process.pid()));
                report.append(line);
                System.out.print(line);
            } finally {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
