package dev.riffle.server.transport.websocket;

import dev.riffle.server.engine.Peer;
import dev.riffle.server.engine.StreamRuntime;
import dev.riffle.server.engine.StreamSession;
import dev.riffle.stream.ErrorCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * What Riffle's and FastRTC's WebSocket transports share: every message leaves through the session's
 * {@link Outbox}, with the container's asynchronous sends - no thread ever waits for the client - and a client that
 * does not keep up (its outbox overflows, or one send waits too long) has its session ended with
 * {@code client_too_slow} and its connection dropped.
 */
abstract class SocketPeer extends Endpoint implements Peer {
    /** Outgoing audio a client may leave waiting before it counts as too slow. */
    static final long MAX_AUDIO_WAITING_MILLIS = 2000;

    private final Outbox outbox = new Outbox(new AsyncSink(), this::tooSlow, MAX_AUDIO_WAITING_MILLIS);
    /** the mounted stream this connection's sessions belong to */
    final StreamRuntime stream;
    /** the session this connection carries, or null before it starts */
    volatile StreamSession session;
    private volatile Session ws;
    private volatile boolean closing;

    SocketPeer(StreamRuntime stream) {
        this.stream = stream;
    }

    /** The handshake's refusal ({@link SocketEndpoints}: a page of a foreign origin), as the error message to send. */
    /** The containers' ways to drop a connection at once (Jetty's, when riffle-server is on the class path). */
    private static final java.util.List<ConnectionAbort> ABORTS = java.util.ServiceLoader.load(ConnectionAbort.class,
            ConnectionAbort.class.getClassLoader()).stream().map(java.util.ServiceLoader.Provider::get).toList();
    static final String ORIGIN_REFUSED = "riffle.originRefused";

    /** Call from {@code onOpen}. */
    void opened(Session ws) {
        this.ws = ws;
    }

    /**
     * Whether the handshake came from a page whose origin may not open sessions here: then the client has been told
     * ({@code origin_not_allowed}) and the socket closed (1008), and no session starts.
     */
    boolean refusedOrigin(Session ws, jakarta.websocket.EndpointConfig config) {
        if (!(config.getUserProperties().get(ORIGIN_REFUSED) instanceof String error)) {
            return false;
        }
        try {
            ws.getBasicRemote().sendText(error);
            ws.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "origin_not_allowed"));
        } catch (IOException gone) {
            // the client left already
        }
        return true;
    }

    Session ws() {
        return ws;
    }

    /** The session this connection carries, or null before it starts. */
    StreamSession session() {
        return session;
    }

    /** The client went away: its session ends and its slot goes to the next in line. */
    @Override
    public void onClose(Session ws, CloseReason reason) {
        StreamSession s = session();
        if (s != null) {
            s.close(ErrorCode.LEFT, "The client disconnected.");
        }
    }

    @Override
    public void sendText(String json) {
        outbox.text(json);
    }

    /** Queues an encoded frame: latest wins. */
    void queueVideo(ByteBuffer message) {
        outbox.video(message);
    }

    /** Queues an encoded audio frame of {@code millis}. */
    void queueAudio(ByteBuffer message, long millis) {
        outbox.audio(message, millis);
    }

    /** Queues an audio frame of {@code millis} that travels as a text message. */
    void queueAudio(String message, long millis) {
        outbox.audio(message, millis);
    }

    /** Whether the connection is closing (nothing more is sent). */
    boolean isClosing() {
        return closing;
    }

    @Override
    public CompletableFuture<Void> mediaReady() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public long stalledNanos() {
        return outbox.stalledNanos();
    }

    /** Video frames the client was too slow to take (replaced by newer ones). */
    long droppedVideo() {
        return outbox.droppedVideo();
    }

    private void tooSlow(String why) {
        StreamSession s = session();
        String message = "The client did not keep up with what the server sends (" + why + "); the session was"
                + " ended and its slot freed.";
        if (s != null) {
            s.close(ErrorCode.CLIENT_TOO_SLOW, message);
        }
        abort();
    }

    /** How long a closing connection may take to send what is queued before it is dropped. */
    static final long CLOSE_GRACE_MILLIS = 5000;

    private final CompletableFuture<Void> flushed = new CompletableFuture<>();

    @Override
    public CompletableFuture<Void> flushed() {
        return flushed;
    }

    /** Closes once what is queued has gone out; a client that does not read it is dropped after a grace period. */
    @Override
    public void close(ErrorCode code) {
        if (closing) {
            return;
        }
        closing = true;
        if (code == ErrorCode.CLIENT_TOO_SLOW) {
            abort(); // what is queued would never be read
            return;
        }
        Thread.ofVirtual().name("riffle-ws-close-grace").start(() -> {
            try {
                Thread.sleep(CLOSE_GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Session s = ws;
            if (s != null && s.isOpen()) {
                abort();
            }
        });
        outbox.drainThen(() -> {
            outbox.close();
            Session s = ws;
            if (s == null || !s.isOpen()) {
                flushed.complete(null);
                return;
            }
            // on a virtual thread: a container may wait for its own close frame to go out
            Thread.ofVirtual().name("riffle-ws-close").start(() -> {
                try {
                    s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.closeCode()), code.wire()));
                } catch (IOException | IllegalStateException e) {
                    // already closing
                } finally {
                    flushed.complete(null);
                }
            });
        });
    }

    /** Drops the connection at once, without a close handshake: for a client that does not read. */
    void abort() {
        outbox.close();
        flushed.complete(null);
        Session s = ws;
        if (s == null) {
            return;
        }
        for (ConnectionAbort a : ABORTS) {
            if (a.abort(s)) {
                return;
            }
        }
        Thread.ofVirtual().name("riffle-ws-abort").start(() -> {
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(ErrorCode.CLIENT_TOO_SLOW.closeCode()),
                        ErrorCode.CLIENT_TOO_SLOW.wire()));
            } catch (IOException | IllegalStateException e) {
                // already closing
            }
        });
    }

    /** The container's asynchronous sends; a send that fails completes too (the close ends the session). */
    private final class AsyncSink implements Outbox.Sink {
        @Override
        public void sendText(String text, Runnable done) {
            Session s = ws;
            if (s == null || !s.isOpen()) {
                done.run();
                return;
            }
            stream.counters().bytesOut.add(text.length());
            s.getAsyncRemote().sendText(text, result -> done.run());
        }

        @Override
        public void sendBinary(ByteBuffer data, Runnable done) {
            Session s = ws;
            if (s == null || !s.isOpen()) {
                done.run();
                return;
            }
            stream.counters().bytesOut.add(data.remaining());
            s.getAsyncRemote().sendBinary(data, result -> done.run());
        }
    }
}
