package dev.riffle.server.bench;

import dev.riffle.filters.Filters;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.RawWebSocket;
import dev.riffle.server.RiffleServer;
import dev.riffle.server.Stream;
import dev.riffle.server.wire.FrameCodec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./dev soak}: well-behaved WebSocket sessions alone, then the same sessions beside hostile clients, in one
 * run on 127.0.0.1: {@code N} sessions paced at 15 fps with 320x240 JPEG frames through the flip handler, measured in
 * one-minute windows (delivered fps, round trip p50/p95); then, for 10 minutes, beside
 * clients that never read (raw sockets with a 4 KB receive buffer, sending frames and heartbeats), a flood of 1000
 * small frames a second, a JPEG bomb (a frame claiming 20000x20000) ten times a second, and clients that vanish
 * mid-stream five times a second ({@code ./dev soak -Driffle.bench.args="MINUTES SESSIONS BASELINE_MINUTES"},
 * default 10 4 2). Every 250 ms a thread dump is read: how long any server thread has stayed in a
 * socket write. Threads and RSS are sampled each window. Prints a Markdown report.
 */
public final class SoakBenchmark {
    static final int W = 320;
    static final int H = 240;
    static final int FPS = 15;
    /** one client for every well-behaved session of the run: its threads do not pile up between windows */
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // ./dev soak -Driffle.bench.args="MINUTES SESSIONS BASELINE_MINUTES"
        String[] a = String.join(" ", args).trim().isEmpty() ? new String[0]
                : String.join(" ", args).trim().split("\\s+");
        int hostileMinutes = a.length > 0 ? Integer.parseInt(a[0]) : 10;
        int sessions = a.length > 1 ? Integer.parseInt(a[1]) : 4;
        int baselineMinutes = a.length > 2 ? Integer.parseInt(a[2]) : 2;
        byte[] jpeg = goodFrame();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d well-behaved sessions, %dx%d JPEG (%,d bytes) at %d fps, flip"
                + " handler; %d min alone, then %d min beside hostile clients.%n%n", sessions, W, H, jpeg.length, FPS,
                baselineMinutes, hostileMinutes));
        out.append("| minute | hostile clients | delivered fps per session (mean / min) | round trip p50 / p95 (ms) |"
                + " server threads | RSS MB | heap after GC MB | longest server socket write seen (ms) |"
                + " bad sessions ended |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        try (RiffleServer server = RiffleServer.create().maxQueueSize(1000)
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).maxPixels(W * H).build())
                .start()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/flip/websocket");
            BlockedWrites blocked = new BlockedWrites();
            blocked.start();
            Hostile hostile = new Hostile(server.port());
            for (int minute = 1; minute <= baselineMinutes + hostileMinutes; minute++) {
                boolean bad = minute > baselineMinutes;
                if (bad && !hostile.running()) {
                    hostile.start();
                }
                blocked.resetWindow();
                String line = window(uri, jpeg, sessions, minute, bad, blocked, hostile);
                out.append(line);
                System.out.print(line);
            }
            hostile.stop();
            blocked.stop();
            out.append(String.format(Locale.ROOT, "%nLongest any server thread stayed in one socket write over the"
                    + " whole run: %d ms (%s). Hostile clients made: %s.%n", blocked.longestMillis(),
                    blocked.longestWhere(), hostile.counts()));
        }
        System.out.println();
        System.out.println(out);
        System.exit(0);
    }

    private static String window(URI uri, byte[] jpeg, int n, int minute, boolean bad, BlockedWrites blocked,
            Hostile hostile) throws Exception {
        List<TransportBenchmark.Client> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(TransportBenchmark.Client.connect(HTTP, uri, "jpeg", true));
        }
        ExecutorService threads = Executors.newFixedThreadPool(n);
        List<CompletableFuture<TransportBenchmark.Stats>> runs = new ArrayList<>();
        for (TransportBenchmark.Client c : clients) {
            runs.add(CompletableFuture.supplyAsync(() -> c.paced(jpeg, FPS, 60_000), threads));
        }
        List<Double> all = new ArrayList<>();
        double sum = 0;
        double min = Double.MAX_VALUE;
        for (CompletableFuture<TransportBenchmark.Stats> run : runs) {
            TransportBenchmark.Stats s = run.join();
            all.addAll(s.millis);
            sum += s.deliveredFps;
            min = Math.min(min, s.deliveredFps);
        }
        clients.forEach(TransportBenchmark.Client::close);
        threads.shutdown();
        TransportBenchmark.Stats merged = new TransportBenchmark.Stats(all, List.of());
        return String.format(Locale.ROOT, "| %d | %s | %.1f / %.1f | %.0f / %.0f | %d | %.0f | %.0f | %d | %d |%n",
                minute, bad ? "yes" : "no", sum / n, min, merged.p(50), merged.p(95),
                serverThreads(), rssMb(), heapAfterGcMb(), blocked.windowMillis(),
                hostile.ended.get());
    }

    /** Live threads but the benchmark's own clients' (JDK HTTP client, its pools, the dump sampler). */
    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("HttpClient") && !t.getName().startsWith("pool-")
                        && !t.getName().startsWith("soak-"))
                .count();
    }

    private static byte[] goodFrame() {
        VideoFrame f = VideoFrame.allocate(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                f.setPixel(x, y, VideoFrame.rgba(x * 255 / W, y * 255 / H, (x / 20 + y / 20) % 2 * 200, 255));
            }
        }
        try (FrameCodec.JpegEncoder encoder = new FrameCodec.JpegEncoder(0.8f)) {
            return encoder.encode(f, 0, 0);
        }
    }

    /**
     * The heap still in use after a full collection, in MB: what the server keeps, not what awaits collection. The
     * collection runs between two minutes' measurements (a pause of some tens of ms the next minute does not see).
     */
    private static double heapAfterGcMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
    }

    private static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** Samples thread dumps: how long a server thread has been inside a socket write, without leaving it. */
    static final class BlockedWrites {
        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> since = new HashMap<>();
        private final AtomicLong window = new AtomicLong();
        private final AtomicLong longest = new AtomicLong();
        /** the thread and frame of the longest write seen, for the report */
        private volatile String longestWhere = "none";
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread sampler;

        void start() {
            sampler = Thread.ofPlatform().daemon().name("soak-dumps").start(() -> {
                while (running.get()) {
                    sample();
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private void sample() {
            long now = System.nanoTime();
            Map<Long, Long> still = new HashMap<>();
            for (ThreadInfo t : mx.dumpAllThreads(false, false, 12)) {
                if (t == null || t.getThreadName().startsWith("soak-") || t.getThreadName().startsWith("HttpClient")
                        || t.getThreadName().startsWith("pool-")) {
                    continue; // the benchmark's own clients
                }
                if (inSocketWrite(t.getStackTrace())) {
                    long from = since.getOrDefault(t.getThreadId(), now);
                    still.put(t.getThreadId(), from);
                    long ms = (now - from) / 1_000_000;
                    window.accumulateAndGet(ms, Math::max);
                    if (ms > longest.get()) {
                        longest.set(ms);
                        longestWhere = t.getThreadName() + " in " + writeFrame(t.getStackTrace());
                    }
                }
            }
            since.clear();
            since.putAll(still);
        }

        /** The frame of {@code stack} that writes, and the frame of Riffle's or Jetty's code above it. */
        private static String writeFrame(StackTraceElement[] stack) {
            StringBuilder where = new StringBuilder();
            for (StackTraceElement e : stack) {
                if (e.getClassName().startsWith("dev.riffle") || e.getClassName().startsWith("org.eclipse.jetty")) {
                    where.append(e.getClassName()).append('.').append(e.getMethodName());
                    break;
                }
            }
            return where.isEmpty() ? String.valueOf(stack.length > 0 ? stack[0] : "?") : where.toString();
        }

        String longestWhere() {
            return longestWhere;
        }

        private static boolean inSocketWrite(StackTraceElement[] stack) {
            for (StackTraceElement e : stack) {
                String m = e.getClassName() + "." + e.getMethodName();
                if (m.contains("SocketDispatcher.write") || m.contains("SocketChannelImpl.write")
                        || m.contains("NioSocketImpl.write") || m.contains("FrameFlusher") && m.contains("block")
                        || m.contains("Blocker") && m.contains("block") || m.contains("BasicRemote.send")
                        || m.contains("FutureCallback.block")) {
                    return true;
                }
            }
            return false;
        }

        void resetWindow() {
            window.set(0);
        }

        long windowMillis() {
            return window.get();
        }

        long longestMillis() {
            return longest.get();
        }

        void stop() {
            running.set(false);
            sampler.interrupt();
        }
    }

    /** The hostile clients, each kind on its own virtual thread, until stopped. */
    static final class Hostile {
        private final int port;
        private final AtomicBoolean running = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        final AtomicLong ended = new AtomicLong();
        private final AtomicLong slowReaders = new AtomicLong();
        private final AtomicLong floodFrames = new AtomicLong();
        private final AtomicLong bombs = new AtomicLong();
        private final AtomicLong vanished = new AtomicLong();

        Hostile(int port) {
            this.port = port;
        }

        boolean running() {
            return running.get();
        }

        String counts() {
            return slowReaders.get() + " never-reading connections, " + floodFrames.get() + " flood frames, "
                    + bombs.get() + " JPEG bombs, " + vanished.get() + " vanishing clients";
        }

        void start() {
            running.set(true);
            for (int i = 0; i < 2; i++) {
                threads.add(Thread.ofVirtual().start(this::neverReads));
            }
            threads.add(Thread.ofVirtual().start(this::flood));
            threads.add(Thread.ofVirtual().start(this::bombs));
            threads.add(Thread.ofVirtual().start(this::vanishing));
        }

        void stop() {
            running.set(false);
            threads.forEach(Thread::interrupt);
        }

        /** Raw-socket clients with a 4 KB receive buffer: send raw frames and heartbeats, read nothing. */
        private void neverReads() {
            byte[] frame = FrameCodec.encodeRaw(VideoFrame.allocate(W, H), 1);
            while (running.get()) {
                try (RawWebSocket c = new RawWebSocket(port, "/flip/websocket")) {
                    slowReaders.incrementAndGet();
                    c.text("{\"type\":\"start\",\"format\":\"raw\"}");
                    for (int i = 0; running.get(); i++) {
                        c.binary(frame);
                        if (i % 15 == 0) {
                            c.text("{\"type\":\"heartbeat\"}");
                        }
                        Thread.sleep(1000 / FPS);
                    }
                } catch (IOException cutOff) {
                    ended.incrementAndGet(); // the server dropped it: the next one comes
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** 1000 small frames a second on one connection that reads (latest-wins must keep it cheap). */
        private void flood() {
            byte[] small = FrameCodec.encodeRaw(VideoFrame.allocate(64, 48), 1);
            while (running.get()) {
                try (RawWebSocket c = new RawWebSocket(port, "/flip/websocket")) {
                    c.drain();
                    c.text("{\"type\":\"start\",\"format\":\"raw\"}");
                    long next = System.nanoTime();
                    while (running.get()) {
                        c.binary(small);
                        floodFrames.incrementAndGet();
                        next += 1_000_000;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                } catch (IOException cutOff) {
                    ended.incrementAndGet();
                }
            }
        }

        /** A frame claiming 20000x20000 in its JPEG header behind an 8x8 message header, ten times a second. */
        private void bombs() {
            byte[] message = bomb();
            while (running.get()) {
                try (RawWebSocket c = new RawWebSocket(port, "/flip/websocket")) {
                    c.drain();
                    c.text("{\"type\":\"start\",\"format\":\"jpeg\"}");
                    while (running.get()) {
                        c.binary(message);
                        bombs.incrementAndGet();
                        Thread.sleep(100);
                    }
                } catch (IOException cutOff) {
                    ended.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Clients that start a session, send a frame and vanish (no close), five a second. */
        private void vanishing() {
            byte[] frame = FrameCodec.encodeRaw(VideoFrame.allocate(W, H), 1);
            while (running.get()) {
                try {
                    RawWebSocket c = new RawWebSocket(port, "/flip/websocket");
                    c.text("{\"type\":\"start\",\"format\":\"raw\"}");
                    c.binary(frame);
                    c.abort();
                    vanished.incrementAndGet();
                    Thread.sleep(200);
                } catch (IOException ignored) {
                    // try again
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static byte[] bomb() {
            try {
                return RawWebSocket.jpegBomb(20_000, 20_000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
