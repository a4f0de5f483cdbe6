package dev.riffle.server.bench;

import dev.riffle.filters.Filters;
import dev.riffle.handler.Inputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.RiffleServer;
import dev.riffle.server.Stream;
import dev.riffle.server.wire.FrameCodec;
import dev.riffle.server.wire.FrameFormat;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code ./dev bench-ws}: the WebSocket path measured end to end on 127.0.0.1 with the JDK's WebSocket client, in
 * one run, next to a bare Jetty WebSocket echo of the same bytes (the floor: same Jetty, same client, no Riffle):
 * <ol>
 * <li>round trip per 640x480 frame, one frame in flight, with the flip handler: raw RGBA and JPEG;</li>
 * <li>one session paced at 30 fps: delivered fps;</li>
 * <li>1, 2, 4, 8, 16 concurrent sessions, each paced at 30 fps (JPEG, at most two frames in flight, as the browser
 * client does): delivered fps and round trip per session;</li>
 * <li>heap per waiting session with its WebSocket connection.</li>
 * </ol>
 * Prints a Markdown report for BENCHMARKS.md.
 */
public final class TransportBenchmark {
    static final int W = 640;
    static final int H = 480;

    private TransportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        VideoFrame scene = scene();
        byte[] raw = FrameCodec.encodeRaw(scene, 0);
        byte[] jpeg;
        try (FrameCodec.JpegEncoder encoder = new FrameCodec.JpegEncoder(0.8f)) {
            jpeg = encoder.encode(scene, 0, 0); // the bytes the server itself would send back
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Frame: %dx%d, raw message %,d bytes, JPEG message %,d bytes (q 0.8)."
                + " Flip handler alone: %.2f ms per frame (median of 200, in process).%n%n", W, H, raw.length,
                jpeg.length, flipMillis(scene)));
        try (RiffleServer riffle = RiffleServer.create().maxQueueSize(1000)
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).maxPixels(W * H).build())
                .mount("/one", Stream.video(Filters.FLIP).concurrencyLimit(1).build())
                .start();
                EchoServer echo = new EchoServer()) {
            URI riffleUri = URI.create("ws://127.0.0.1:" + riffle.port() + "/flip/websocket");
            URI echoUri = URI.create("ws://127.0.0.1:" + echo.port() + "/echo");
            String memory = waitingMemory(riffle, 500); // first, while the heap holds no garbage of other runs

            out.append("### Round trip per frame, one in flight (ms)\n\n"
                    + "| path | format | p50 | p95 | server time p50 | Riffle over echo + server time (p50) |\n"
                    + "|---|---|---|---|---|---|\n");
            for (String format : List.of("raw", "jpeg")) {
                byte[] message = format.equals("raw") ? raw : jpeg;
                Stats floor;
                try (Client c = Client.echo(echoUri)) {
                    floor = c.closedLoop(message, 100, 400);
                }
                Stats full;
                try (Client c = Client.riffle(riffleUri, format)) {
                    full = c.closedLoop(message, 100, 400);
                }
                out.append(String.format(Locale.ROOT, "| bare Jetty echo | %s | %.2f | %.2f | - | - |%n", format,
                        floor.p(50), floor.p(95)));
                double expected = floor.p(50) + full.serverP50();
                out.append(String.format(Locale.ROOT, "| Riffle flip | %s | %.2f | %.2f | %.2f | %+.0f%% |%n",
                        format, full.p(50), full.p(95), full.serverP50(), 100 * (full.p(50) - expected) / expected));
            }

            out.append("\n### One session paced at 30 fps for 5 s (at most two frames in flight)\n\n"
                    + "| format | sent fps | delivered fps | p50 ms | p95 ms |\n|---|---|---|---|---|\n");
            for (String format : List.of("raw", "jpeg")) {
                byte[] message = format.equals("raw") ? raw : jpeg;
                try (Client c = Client.riffle(riffleUri, format)) {
                    Stats s = c.paced(message, 30, 5_000);
                    out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.2f |%n", format, s.sentFps,
                            s.deliveredFps, s.p(50), s.p(95)));
                }
            }

            out.append("\n### Concurrent sessions, each paced at 30 fps for 5 s, JPEG\n\n"
                    + "| sessions | delivered fps per session (mean / min) | total fps | p50 ms | p95 ms |\n"
                    + "|---|---|---|---|---|\n");
            for (int n : new int[] {1, 2, 4, 8, 16}) {
                System.err.println("sweep: " + n + " sessions");
                out.append(sweep(riffleUri, jpeg, n));
            }
            out.append('\n').append(memory);
        }
        System.out.println(out);
    }

    static String sweep(URI uri, byte[] message, int n) throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(Client.riffle(uri, "jpeg"));
        }
        List<CompletableFuture<Stats>> runs = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(n); // every session paces itself at once
        for (Client c : clients) {
            runs.add(CompletableFuture.supplyAsync(() -> c.paced(message, 30, 5_000), threads));
        }
        List<Double> all = new ArrayList<>();
        double sum = 0;
        double min = Double.MAX_VALUE;
        for (CompletableFuture<Stats> run : runs) {
            Stats s = run.join();
            all.addAll(s.millis);
            sum += s.deliveredFps;
            min = Math.min(min, s.deliveredFps);
        }
        clients.forEach(Client::close);
        threads.shutdown();
        Stats merged = new Stats(all, List.of());
        return String.format(Locale.ROOT, "| %d | %.1f / %.1f | %.0f | %.1f | %.1f |%n", n, sum / n, min, sum,
                merged.p(50), merged.p(95));
    }

    /**
     * Heap per waiting session, split into the transport's share (an open WebSocket: client and server objects, both
     * in this JVM) and Riffle's (session, handler instance, pipeline, queue entry), by measuring after connecting
     * {@code n} sockets and again after each of them started a session that waits behind one slot.
     */
    static String waitingMemory(RiffleServer server, int n) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/one/websocket");
        Client holder = Client.riffle(uri, "jpeg");
        HttpClient shared = HttpClient.newHttpClient();
        long base = ServerBenchmarks.usedHeap();
        List<Client> waiting = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waiting.add(new Client(shared, uri));
        }
        long connected = ServerBenchmarks.usedHeap();
        for (Client c : waiting) {
            c.start("jpeg");
        }
        for (Client c : waiting) {
            c.awaitQueued();
        }
        long queued = ServerBenchmarks.usedHeap();
        int sessions = server.sessionCount();
        waiting.forEach(Client::close);
        holder.close();
        return String.format(Locale.ROOT, "### Memory per waiting session%n%n%d sessions waiting behind one slot (%d"
                + " live sessions on the server), heap after full GCs: the open WebSocket (client and server side,"
                + " both in this JVM) %,d bytes per session; Riffle's session on top of it (session, handler"
                + " instance, pipeline, queue entry) %,d bytes per session.%n", n, sessions, (connected - base) / n,
                (queued - connected) / n);
    }

    static double flipMillis(VideoFrame scene) {
        VideoFrame out = VideoFrame.allocate(W, H);
        var flip = Filters.FLIP.create();
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long s = System.nanoTime();
            flip.handle(scene, out, Inputs.none());
            if (i >= 100) {
                t.add((System.nanoTime() - s) / 1e6);
            }
        }
        return new Stats(t, List.of()).p(50);
    }

    static VideoFrame scene() {
        VideoFrame f = VideoFrame.allocate(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int r = (x * 255 / W);
                int g = (y * 255 / H);
                int b = ((x / 40 + y / 40) % 2) * 200;
                f.setPixel(x, y, VideoFrame.rgba(r, g, b, 255));
            }
        }
        return f;
    }

    /** Round-trip samples (ms) and server times (ms) of one run. */
    static final class Stats {
        final List<Double> millis;
        final List<Double> server;
        double sentFps;
        double deliveredFps;

        Stats(List<Double> millis, List<Double> server) {
            this.millis = new ArrayList<>(millis);
            this.server = new ArrayList<>(server);
            Collections.sort(this.millis);
            Collections.sort(this.server);
        }

        double p(int percentile) {
            return pick(millis, percentile);
        }

        double serverP50() {
            return pick(server, 50);
        }

        private static double pick(List<Double> sorted, int percentile) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
        }
    }

    /** One WebSocket session of the benchmark: sends frames with a seq in their header, times the replies. */
    static final class Client implements AutoCloseable {
        private final WebSocket ws;
        private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        private final List<Double> server = Collections.synchronizedList(new ArrayList<>());
        private final Semaphore inFlight = new Semaphore(0);
        private final CountDownLatch admitted = new CountDownLatch(1);
        private final CountDownLatch queued = new CountDownLatch(1);
        private final AtomicLong replies = new AtomicLong();
        private volatile boolean recording;

        private Client(HttpClient http, URI uri) {
            this.ws = http.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
        }

        static Client echo(URI uri) {
            Client c = new Client(HttpClient.newHttpClient(), uri);
            c.admitted.countDown();
            return c;
        }

        static Client riffle(URI uri, String format) throws InterruptedException {
            return connect(HttpClient.newHttpClient(), uri, format, true);
        }

        static Client connect(HttpClient http, URI uri, String format, boolean awaitAdmission)
                throws InterruptedException {
            Client c = new Client(http, uri);
            c.start(format);
            if (awaitAdmission && !c.admitted.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not admitted");
            }
            return c;
        }

        void start(String format) {
            ws.sendText("{\"type\":\"start\",\"format\":\"" + format + "\"}", true).join();
        }

        void awaitQueued() throws InterruptedException {
            if (!queued.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no queue message");
            }
        }

        /** One frame in flight: send, await the reply, repeat. */
        Stats closedLoop(byte[] message, int warmup, int count) throws InterruptedException {
            byte[] copy = message.clone();
            for (int i = 1; i <= warmup + count; i++) {
                recording = i > warmup;
                send(copy, i);
                if (!inFlight.tryAcquire(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no reply to frame " + i);
                }
            }
            return new Stats(millis, server);
        }

        /** Frames every 1/fps s for {@code durationMs}, skipped while two are in flight (the browser's rule). */
        Stats paced(byte[] message, int fps, long durationMs) {
            byte[] copy = message.clone();
            recording = true;
            inFlight.release(2);
            long period = 1_000_000_000L / fps;
            long start = System.nanoTime();
            long repliesBefore = replies.get();
            int sent = 0;
            long seq = 1;
            for (long next = start; next - start < durationMs * 1_000_000L; next += period) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                if (inFlight.tryAcquire()) {
                    send(copy, seq++);
                    sent++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Stats s = new Stats(millis, server);
            s.sentFps = sent / seconds;
            s.deliveredFps = (replies.get() - repliesBefore) / seconds;
            return s;
        }

        private synchronized void send(byte[] message, long seq) {
            ByteBuffer.wrap(message).putInt(4, (int) seq);
            sentAt.put(seq, System.nanoTime());
            ws.sendBinary(ByteBuffer.wrap(message), true).join();
        }

        @Override
        public void close() {
            ws.abort();
        }

        private final class Listener implements WebSocket.Listener {
            private ByteArrayOutputStream binary = new ByteArrayOutputStream();
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    if (text.indexOf("\"queue\"") >= 0) {
                        queued.countDown();
                    }
                    if (text.indexOf("\"admitted\"") >= 0) {
                        admitted.countDown();
                    } else if (text.indexOf("\"error\"") >= 0 || text.indexOf("\"closed\"") >= 0) {
                        System.err.println("server: " + text);
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                System.err.println("closed by the server: " + statusCode + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                System.err.println("client error: " + error);
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                if (binary.size() == 0 && data.remaining() >= FrameCodec.HEADER) {
                    long seq = Integer.toUnsignedLong(data.getInt(data.position() + 4));
                    long micros = Integer.toUnsignedLong(data.getInt(data.position() + 12));
                    Long sent = sentAt.remove(seq);
                    if (sent != null && recording) {
                        millis.add((System.nanoTime() - sent) / 1e6);
                        server.add(micros / 1000.0);
                    }
                }
                binary.write(0);
                if (last) {
                    binary = new ByteArrayOutputStream();
                    replies.incrementAndGet();
                    inFlight.release();
                }
                webSocket.request(1);
                return null;
            }
        }
    }

    /** A bare Jetty 12.1 EE11 WebSocket echo with the same container and limits: the floor. */
    static final class EchoServer implements AutoCloseable {
        private final Server jetty = new Server();
        private final ServerConnector connector = new ServerConnector(jetty);

        EchoServer() throws Exception {
            connector.setHost("127.0.0.1");
            jetty.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
            JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
                    container.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/echo").build()));
            jetty.setHandler(context);
            jetty.start();
        }

        int port() {
            return connector.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            jetty.stop();
        }
    }

    /** Sends every binary message back as it came. */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxBinaryMessageBufferSize(FrameCodec.HEADER + W * H * 4 + 64);
            session.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) bytes -> {
                try {
                    session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
                } catch (IOException e) {
                    // client gone
                }
            });
        }
    }
}
