package dev.riffle.e2e.bench;

import com.microsoft.playwright.Page;
import dev.riffle.filters.Filters;
import dev.riffle.handler.LiteHandler;
import dev.riffle.handler.VideoHandler;
import dev.riffle.server.RiffleServer;
import dev.riffle.server.Stream;
import dev.riffle.testkit.Chromium;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WebRTC benchmark, in one headless Chromium run against a Riffle server in this JVM (all on 127.0.0.1):
 * <ul>
 * <li>glass-to-glass round trip of 640x480 frames at 30 fps - a canvas draws each frame with its number in
 * black and white blocks, the frame goes out on a track, and the receiving {@code <video>}'s presented frames are
 * read back and timed - for Riffle's echo stream (browser -> server -> browser) side by side with the same two
 * hops as a loopback call inside this browser (libwebrtc's own floor on this machine), alternating;</li>
 * <li>a sweep of concurrent 640x480 echo sessions: delivered fps, round trip, the server's CPU per session and
 * the machine's;</li>
 * <li>Gradio's stream_every over WebRTC: one session of the realistic demo's handlers (flip, cartoon) with
 * stream_every 0.1 s side by side with the same handler given every frame (what WebRTC did before it honoured
 * stream_every): frames the handler got per second and the server's CPU.</li>
 * </ul>
 * Prints a Markdown report and writes it to {@code e2e-tests/target/bench/rtc-benchmark.md}. Run it with
 * {@code ./dev bench-rtc}; {@code -Driffle.bench.seconds} (default 10) and {@code -Driffle.bench.sweep}
 * (default 1,2,4,6,8,10) change the run.
 */
public final class RtcBenchmark {
    private static final int FPS = 30;
    private static final int WARMUP_SECONDS = 4;

    private RtcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("riffle.bench.seconds", 10);
        int rounds = Integer.getInteger("riffle.bench.rounds", 2);
        int[] sweep = Arrays.stream(System.getProperty("riffle.bench.sweep", "1,2,4,6,8,10").split(","))
                .filter(s -> !s.isBlank()).mapToInt(Integer::parseInt).toArray();
        int cycles = Integer.getInteger("riffle.bench.cycles", 1000);
        boolean every = Boolean.parseBoolean(System.getProperty("riffle.bench.every", "true"));
        String html;
        try (InputStream in = RtcBenchmark.class.getResourceAsStream("/bench/rtc-bench.html")) {
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder report = new StringBuilder();
        Map<String, AtomicLong> handled = new java.util.LinkedHashMap<>();
        RiffleServer builder = RiffleServer.create()
                .mount("/echo", Stream.video(Filters.IDENTITY).concurrencyLimit(null).build());
        for (String filter : List.of("flip", "cartoon")) {
            for (boolean honoured : new boolean[] {false, true}) {
                String path = "/" + filter + (honoured ? "-every" : "-all");
                AtomicLong count = new AtomicLong();
                handled.put(path, count);
                LiteHandler lite = filter.equals("flip") ? Filters.FLIP : Filters.CARTOON;
                Stream.Builder b = Stream.video(filter, () -> {
                    VideoHandler handler = lite.create();
                    return (in, out, inputs) -> {
                        count.incrementAndGet();
                        handler.handle(in, out, inputs);
                        return null;
                    };
                }).concurrencyLimit(null);
                builder.mount(path, (honoured ? b.streamEvery(0.1) : b).build());
            }
        }
        try (RiffleServer server = builder
                .page("/bench", html).start();
                Chromium.Session chromium = Chromium.launch(Chromium.options()
                        // the in-page loopback call needs real host candidates, not mDNS names
                        .arg("--disable-features=WebRtcHideLocalIpsWithMdns"))) {
            Page page = chromium.browser().newContext().newPage();
            page.navigate(server.uri().resolve("/bench").toString());
            page.waitForFunction("window.ready === true");
            report.append("Chromium ").append(chromium.browser().version()).append(", ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(FPS)
                    .append(" fps source, ").append(WARMUP_SECONDS).append(" s warm-up, ").append(seconds)
                    .append(" s measured per row.\n\n");

            report.append("### One 640x480 session: glass-to-glass round trip (ms)\n\n")
                    .append("| round | path | codec | sent fps | delivered fps | p50 | p95 | sizes received |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            for (int round = 1; round <= rounds && seconds > 0; round++) {
                for (String kind : List.of("riffle", "loopback")) {
                    Run run = run(page, server, kind, 1, seconds);
                    Map<String, Object> r = run.sessions.get(0);
                    report.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %.1f | %s | %s | %s |%n",
                            round, kind.equals("riffle") ? "Riffle echo (browser -> server -> browser)"
                                    : "browser loopback, same two hops",
                            r.get("codec"), num(r.get("sentFps")), num(r.get("deliveredFps")), ms(r.get("p50")),
                            ms(r.get("p95")), r.get("sizes")));
                }
            }

            if (every) {
                streamEvery(page, server, handled, seconds, report);
            }
            if (sweep.length > 0) {
                sweep(page, server, sweep, seconds, report);
            }
            if (cycles > 0) {
                cycles(page, server, cycles, report);
            }
        }
        BenchReport.write("rtc-benchmark.md", report);
        // webrtc-java's native threads attached to the JVM would keep it alive
        System.exit(0);
    }

    private static void sweep(Page page, RiffleServer server, int[] sweep, int seconds, StringBuilder report)
            throws Exception {
        report.append("\n### Concurrent 640x480 Riffle echo sessions\n\n")
                .append("| sessions | delivered fps per session (mean / min) | round trip p50 / p95 (ms, median of"
                        + " sessions) | server CPU (% of one core) | server CPU per session | machine busy (% of"
                        + " all cores) | sizes received |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (int n : sweep) {
            Run run = run(page, server, "riffle", n, seconds);
            double[] fps = run.sessions.stream().mapToDouble(s -> num(s.get("deliveredFps"))).toArray();
            double[] p50 = run.sessions.stream().mapToDouble(s -> num(s.get("p50"))).sorted().toArray();
            double[] p95 = run.sessions.stream().mapToDouble(s -> num(s.get("p95"))).sorted().toArray();
            List<String> sizes = run.sessions.stream().map(s -> String.valueOf(s.get("sizes"))).distinct().toList();
            String line = String.format(Locale.ROOT,
                    "| %d | %.1f / %.1f | %.0f / %.0f | %.0f%% | %.1f%% | %.0f%% | %s |%n", n, Arrays.stream(fps).average().orElse(0), Arrays.stream(fps).min().orElse(0),
                    p50[p50.length / 2], p95[p95.length / 2], run.serverCpu * 100, run.serverCpu * 100 / n,
                    run.machineBusy * 100, String.join(", ", sizes));
            report.append(line);
            System.out.print(line);
        }
    }

    /** One session per handler and mode, alternating: what stream_every saves the server over WebRTC. */
    private static void streamEvery(Page page, RiffleServer server, Map<String, AtomicLong> handled, int seconds,
            StringBuilder report) throws Exception {
        report.append("\n### stream_every over WebRTC: one 640x480 session, 30 fps camera\n\n")
                .append("| handler | frames to the handler | handler calls per s | server CPU (% of one core) |\n"
                        + "|---|---|---|---|\n");
        for (Map.Entry<String, AtomicLong> e : handled.entrySet()) {
            long before = e.getValue().get();
            long t0 = System.nanoTime();
            Run run = run(page, server, e.getKey(), 1, seconds);
            // calls counted over warm-up and measurement together
            double calls = (e.getValue().get() - before) / ((System.nanoTime() - t0) / 1e9);
            String line = String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f%% |%n",
                    e.getKey().substring(1, e.getKey().indexOf('-')),
                    e.getKey().endsWith("-every") ? "stream_every 0.1 s (now)" : "every frame (before)", calls,
                    run.serverCpu * 100);
            report.append(line);
            System.out.print(line);
        }
    }

    /**
     * Connect/close cycles from the browser: each connects a 640x480 session to the echo stream, waits for the
     * first frame to come back, and stops. Only the server lives in this JVM, so its RSS is the server's.
     */
    private static void cycles(Page page, RiffleServer server, int cycles, StringBuilder report) throws Exception {
        report.append("\n### ").append(cycles).append(" connect/close cycles from the browser (server JVM)\n\n")
                .append("| cycle | RSS MB | heap MB after GC | threads | unreleased peer connections | freed natively"
                        + " | ms per cycle (mean so far) |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        int every = Math.max(50, cycles / 20 / 50 * 50);
        long began = System.nanoTime();
        for (int i = 1; i <= cycles; i++) {
            page.evaluate("() => window.cycle()");
            if (i == 1 || i == 10 || i == 20 || i % every == 0) {
                awaitReleased(server);
                System.gc();
                Runtime rt = Runtime.getRuntime();
                String line = String.format(Locale.ROOT, "| %d | %.1f | %.1f | %d | %d | %d | %.0f |%n", i, rssMb(),
                        (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                        ManagementFactory.getThreadMXBean().getThreadCount(), server.openPeerConnections(),
                        RiffleServer.freedPeerConnections(), (System.nanoTime() - began) / 1e6 / i);
                report.append(line);
                System.out.print(line);
            }
        }
        page.evaluate("() => window.end()");
    }

    private static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** One measured run: the sessions' figures, the server JVM's CPU (cores) and the machine's busy share. */
    private record Run(List<Map<String, Object>> sessions, double serverCpu, double machineBusy) {
    }

    @SuppressWarnings("unchecked")
    private static Run run(Page page, RiffleServer server, String kind, int sessions, int seconds)
            throws Exception {
        page.evaluate("([k, n, fps, w]) => window.begin(k, n, fps, w)",
                List.of(kind, sessions, FPS, WARMUP_SECONDS));
        long cpu0 = processCpuNanos();
        long[] machine0 = machineTicks();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L); // the measurement window itself
        List<Map<String, Object>> results = (List<Map<String, Object>>) page.evaluate("() => window.results()");
        long wall = System.nanoTime() - t0;
        double serverCpu = (processCpuNanos() - cpu0) / (double) wall;
        long[] machine1 = machineTicks();
        double busy = 1 - (machine1[1] - machine0[1]) / (double) (machine1[0] - machine0[0]);
        page.evaluate("() => window.end()");
        awaitReleased(server);
        if (server.openPeerConnections() > 0) {
            throw new IllegalStateException(server.openPeerConnections() + " peer connections not released");
        }
        return new Run(new ArrayList<>(results), serverCpu, busy);
    }

    /** Waits (10 s at most) until the server has ended every session and released every peer connection. */
    private static void awaitReleased(RiffleServer server) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((server.sessionCount() > 0 || server.openPeerConnections() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5); // no event tells a benchmark that the server let go
        }
    }

    /** CPU time of this JVM: the server, plus a mostly idle Playwright client. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** {total, idle} jiffies of all cores, from /proc/stat. */
    private static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String ms(Object o) {
        return o instanceof Number n ? String.format(Locale.ROOT, "%.0f", n.doubleValue()) : "-";
    }
}
