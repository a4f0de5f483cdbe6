package dev.riffle.e2e.bench;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.blocks.StaticServer;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.TestScenes;
import dev.riffle.testkit.Y4mWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The Lite benchmark, in one headless Chromium run: ms per 640x480 frame for flip, edges and cartoon in Riffle's
 * Wasm build next to OpenCV.js 4.12 running the seed's calls; time from navigation to the first processed frame
 * of the realistic demo; gzip size of everything that page downloads. Prints a Markdown report and writes it to
 * {@code e2e-tests/target/bench/lite-benchmark.md}. Run it with {@code ./dev bench}.
 */
public final class LiteBenchmark {
    private LiteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path liteDir = Path.of(System.getProperty("riffle.lite.dir", "examples/target/lite"));
        Path openCvJs = Path.of(System.getProperty("riffle.opencvjs", "e2e-tests/target/bench/opencv.js"));
        int iterations = Integer.getInteger("riffle.bench.iterations", 60);
        int navigations = Integer.getInteger("riffle.bench.navigations", 7);
        if (!Files.isRegularFile(openCvJs)) {
            throw new IllegalStateException("No OpenCV.js at " + openCvJs.toAbsolutePath() + "; ./dev bench fetches"
                    + " it with: npm pack @techstark/opencv-js@4.12.0-release.1");
        }
        Path work = Files.createTempDirectory("riffle-bench");
        Path y4m = Y4mWriter.write(work.resolve("camera.y4m"), 640, 480, 30, 30, TestScenes::moving);
        Path site = work.resolve("site");
        copyTree(liteDir.resolve("realistic-image/riffle"), site.resolve("riffle"));
        Files.copy(openCvJs, site.resolve("opencv.js"));
        try (InputStream html = LiteBenchmark.class.getResourceAsStream("/bench/lite-bench.html")) {
            Files.copy(html, site.resolve("index.html"));
        }
        StringBuilder report = new StringBuilder();
        try (Chromium.Session chromium = Chromium.launch(Chromium.options().camera(y4m));
                StaticServer benchServer = StaticServer.start(site, 0);
                StaticServer liteServer = StaticServer.start(liteDir, 0)) {
            report.append("Chromium: ").append(chromium.browser().version()).append(", ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                    .append(iterations).append(" timed frames per row after 2 s of warm-up.\n\n");
            filters(chromium, benchServer.url(), iterations, report);
            firstFrame(chromium, liteServer.url(), "realistic-image/", liteDir, "Realistic demo page", navigations,
                    report);
        }
        BenchReport.write("lite-benchmark.md", report);
    }

    @SuppressWarnings("unchecked")
    private static void filters(Chromium.Session chromium, URI url, int iterations, StringBuilder report) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(url + "?iterations=" + iterations);
            page.waitForFunction("() => window.benchResult || window.benchError", null,
                    new Page.WaitForFunctionOptions().setTimeout(600_000));
            Object error = page.evaluate("window.benchError");
            if (error != null) {
                throw new IllegalStateException("Benchmark page failed: " + error);
            }
            Map<String, Object> result = (Map<String, Object>) page.evaluate("window.benchResult");
            Map<String, Object> riffle = (Map<String, Object>) result.get("riffle");
            Map<String, Object> opencv = (Map<String, Object>) result.get("opencv");
            report.append("### ms per 640x480 frame (median / p95)\n\n")
                    .append("| filter | Riffle Wasm (RGBA in -> RGBA out) | OpenCV.js 4.12, seed's calls only"
                            + " (RGB Mat in) | OpenCV.js 4.12, RGBA in -> RGBA out |\n")
                    .append("|---|---|---|---|\n");
            for (String name : List.of("flip", "edges", "cartoon")) {
                Map<String, Object> cv = (Map<String, Object>) opencv.get(name);
                report.append("| ").append(name).append(" | ").append(cell(riffle.get(name))).append(" | ")
                        .append(cell(cv.get("core"))).append(" | ").append(cell(cv.get("full"))).append(" |\n");
            }
            report.append('\n');
        }
    }

    @SuppressWarnings("unchecked")
    private static String cell(Object stats) {
        Map<String, Object> s = (Map<String, Object>) stats;
        return String.format("%.2f / %.2f", ((Number) s.get("median")).doubleValue(),
                ((Number) s.get("p95")).doubleValue());
    }

    /**
     * Navigation to the first processed frame of the page at {@code url + page} ({@code runs} fresh contexts), and
     * every file it downloads with its gzipped size (read from {@code root}, the folder served at {@code url}).
     */
    @SuppressWarnings("unchecked")
    static void firstFrame(Chromium.Session chromium, URI url, String page, Path root, String title, int runs,
            StringBuilder report) throws IOException {
        List<double[]> rows = new ArrayList<>();
        Set<String> downloaded = new LinkedHashSet<>();
        for (int i = 0; i < runs; i++) {
            try (BrowserContext context = chromium.browser().newContext()) {
                Page tab = context.newPage();
                tab.onResponse(r -> downloaded.add(URI.create(r.url()).getPath()));
                tab.navigate(url + page + "?autostart");
                tab.waitForFunction("() => window.riffle && riffle.stats.firstFrameAt > 0", null,
                        new Page.WaitForFunctionOptions().setTimeout(60_000));
                Map<String, Object> t = (Map<String, Object>) tab.evaluate("""
                        () => ({ wasm: riffle.stats.wasmReadyAt, first: riffle.stats.firstFrameAt,
                                 camRequested: document.querySelector('riffle-webcam').timing.cameraRequested,
                                 camReady: document.querySelector('riffle-webcam').timing.cameraReady })""");
                double wasm = ((Number) t.get("wasm")).doubleValue();
                double first = ((Number) t.get("first")).doubleValue();
                double camera = ((Number) t.get("camReady")).doubleValue()
                        - ((Number) t.get("camRequested")).doubleValue();
                rows.add(new double[] {wasm, camera, first, first - camera});
            }
        }
        report.append("### ").append(title).append(", navigation to first processed frame (").append(runs)
                .append(" fresh contexts, median)\n\n")
                .append("| Wasm runtime ready | camera start (getUserMedia to first video frame) |"
                        + " first processed frame | first processed frame, camera start excluded |\n")
                .append("|---|---|---|---|\n")
                .append(String.format("| %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n%n", median(rows, 0),
                        median(rows, 1), median(rows, 2), median(rows, 3)));
        long raw = 0;
        long gzip = 0;
        StringBuilder files = new StringBuilder();
        for (String path : downloaded) {
            Path file = root.resolve("." + path).normalize();
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!Files.isRegularFile(file)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            int gz = gzipSize(bytes);
            raw += bytes.length;
            gzip += gz;
            files.append(String.format("| %s | %,d | %,d |%n", path, bytes.length, gz));
        }
        report.append("### Everything the page downloads (").append(title).append(")\n\n| file | bytes | gzip -9 bytes |\n"
                + "|---|---|---|\n").append(files)
                .append(String.format("| **total** | **%,d** | **%,d** |%n%n", raw, gzip));
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    static int gzipSize(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        }
        return out.size();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
