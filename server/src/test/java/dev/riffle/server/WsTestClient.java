package dev.riffle.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.Wire;
import dev.riffle.server.wire.AudioCodec;
import dev.riffle.server.wire.FrameCodec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A WebSocket client for tests (the JDK's): collects text messages as JSON and binary messages as bytes. */
final class WsTestClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final BlockingQueue<JsonNode> texts = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private static final ScheduledExecutorService BEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-heartbeats");
        t.setDaemon(true);
        return t;
    });

    private final WebSocket ws;
    private volatile Throwable listenerError;
    /** text messages {@link #next} skipped, for its failure message */
    private final List<String> passedOver = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ScheduledFuture<?> beats;

    WsTestClient(URI uri) {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new Collector()).join();
    }

    /** A client whose handshake says it comes from a page at {@code origin}. */
    WsTestClient(URI uri, String origin) {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                .buildAsync(uri, new Collector()).join();
    }

    static WsTestClient connect(RiffleServer server, String streamPath) {
        return new WsTestClient(URI.create("ws://127.0.0.1:" + server.port() + streamPath + "/websocket"));
    }

    synchronized void send(String text) {
        ws.sendText(text, true).join();
    }

    synchronized void send(byte[] binary) {
        ws.sendBinary(ByteBuffer.wrap(binary), true).join();
    }

    /**
     * Sends unless the server has already closed the socket (a test that makes the server close mid-burst
     * races its own sends against that close); returns whether the message went out.
     */
    synchronized boolean sendUnlessClosed(byte[] binary) {
        try {
            ws.sendBinary(ByteBuffer.wrap(binary), true).join();
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            if (ws.isOutputClosed() || closeCode.isDone()) {
                return false;
            }
            throw e;
        }
    }

    void sendFrame(VideoFrame frame, long seq) {
        send(FrameCodec.encodeRaw(frame, seq));
    }

    /** Sends {@code start} and returns the session message. */
    JsonNode start(String format) {
        send("{\"type\":\"start\",\"format\":\"" + format + "\"}");
        JsonNode session = next("session");
        beats = BEATS.scheduleAtFixedRate(() -> {
            try {
                if (!closeCode.isDone()) {
                    send("{\"type\":\"heartbeat\"}");
                }
            } catch (RuntimeException closing) {
                // the test closed the socket meanwhile
            }
        }, 300, 300, TimeUnit.MILLISECONDS);
        return session;
    }

    /** The next text message of {@code type}, skipping others; fails after {@link #WAIT}. */
    /** The server's threads that are in Riffle's code, for a timeout's message: where did it stop? */
    static String threads() {
        StringBuilder dump = new StringBuilder("\nRiffle threads:");
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().contains("heartbeat") || java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName()
                    .startsWith("dev.riffle.server.") && !f.getClassName().contains("Test"))) {
                dump.append("\n").append(t.getName()).append(" ").append(t.getState());
                for (StackTraceElement f : stack) {
                    dump.append("\n    at ").append(f);
                }
            }
        });
        return dump.toString();
    }

    /** The next text message, whatever its type. */
    JsonNode nextText() {
        try {
            JsonNode m = texts.poll(WAIT.toNanos(), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("No text message within " + WAIT + " (socket closed: "
                        + (closeCode.isDone() ? closeCode.join() : "no") + ", binary messages waiting: "
                        + binaries.size() + ")" + threads());
            }
            return m;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Text messages {@link #next} has skipped so far. */
    List<String> passedOver() {
        return List.copyOf(passedOver);
    }

    JsonNode next(String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode m;
            try {
                m = texts.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (m == null) {
                throw new AssertionError("No '" + type + "' message within " + WAIT + "; passed over meanwhile: "
                        + passedOver + "; connection " + (closeCode.isDone() ? "closed " + closeCode.join()
                        + (listenerError == null ? "" : " after " + listenerError) : "open") + threads());
            }
            if (type.equals(m.path("type").asText())) {
                return m;
            }
            passedOver.add(m.toString());
        }
    }

    /** The next queue message in {@code state}. */
    JsonNode nextQueue(String state) {
        while (true) {
            JsonNode m = next("queue");
            if (state.equals(m.path("state").asText())) {
                return m;
            }
        }
    }

    /** The next binary message, parsed. */
    FrameCodec.Received nextFrame() {
        return FrameCodec.parse(nextBinary(), Long.MAX_VALUE);
    }

    /** The next binary message, as an audio chunk. */
    AudioCodec.Received nextAudio() {
        return AudioCodec.parse(nextBinary());
    }

    private byte[] nextBinary() {
        try {
            byte[] b = binaries.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (b == null) {
                throw new AssertionError("No binary message within " + WAIT + "; text messages meanwhile: " + texts);
            }
            return b;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Binary messages received and not yet taken. */
    int binariesWaiting() {
        return binaries.size();
    }

    int awaitClose() {
        return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        if (beats != null) {
            beats.cancel(false);
        }
        ws.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    texts.add(Wire.JSON.readTree(text.toString()));
                } catch (Exception e) {
                    throw new AssertionError("Server sent invalid JSON: " + text, e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                binaries.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            listenerError = error;
            closeCode.complete(-1);
        }
    }
}
