package dev.riffle.server;

import dev.riffle.filters.Filters;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.transport.webrtc.NativeRelease;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Connects and closes WebRTC sessions {@code cycles} times (default 200) against a flip stream - each cycle: offer,
 * connect, a few frames through the handler, close - and prints process memory (RSS), heap after GC, live threads
 * unreleased peer connections and connections freed natively (client's and server's: both ends live in this JVM)
 * along the way. Run with {@code ./dev bench-rtc-cycles [cycles]};
 * {@code -Dhisto=true} also prints the live-object histogram at the end (jmap), to find what a leak retains.
 */
public final class RtcCyclesBenchmark {
    private RtcCyclesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        // a line every 50 cycles, at most ~25 lines for long runs
        int every = Math.max(50, cycles / 25 / 50 * 50);
        try (RiffleServer server = RiffleServer.create()
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build()).start()) {
            VideoFrame frame = WebRtcTest.halves(320, 240);
            System.out.printf("%-7s %-9s %-9s %-8s %-12s %-12s %s%n", "cycle", "rss_mb", "heap_mb", "threads",
                    "open_pcs", "freed_pcs", "ms_per_cycle");
            long began = System.nanoTime();
            for (int i = 1; i <= cycles; i++) {
                try (RtcTestClient client = new RtcTestClient()) {
                    client.connect(server, "/flip", "cycle-" + i);
                    client.connected.get(10, TimeUnit.SECONDS);
                    VideoFrame back = null;
                    for (int k = 0; k < 200 && back == null; k++) {
                        client.push(frame);
                        back = client.frames.poll(20, TimeUnit.MILLISECONDS);
                    }
                    if (back == null) {
                        throw new IllegalStateException("cycle " + i + ": no frame came back");
                    }
                }
                awaitReleased(server);
                if (i == 1 || i == 10 || i == 20 || i % every == 0) {
                    System.gc();
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf("%-7d %-9.1f %-9.1f %-8d %-12d %-12d %.0f%n", i, rssMb(),
                            (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                            ManagementFactory.getThreadMXBean().getThreadCount(), server.openPeerConnections(),
                            NativeRelease.freed(), (System.nanoTime() - began) / 1e6 / i);
                }
            }
        }
        if (Boolean.getBoolean("histo")) {
            new ProcessBuilder(System.getProperty("java.home") + "/bin/jmap", "-histo:live",
                    String.valueOf(ProcessHandle.current().pid())).inheritIO().start().waitFor();
        }
        // webrtc's native threads attached to the JVM would keep it alive
        System.exit(0);
    }

    private static void awaitReleased(RiffleServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((server.sessionCount() > 0 || server.openPeerConnections() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        if (server.openPeerConnections() > 0) {
            throw new IllegalStateException("a peer connection was not released");
        }
    }

    private static double rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }
}
