package dev.riffle.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.AudioVideoStreamHandler;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.queue.QueueFullException;
import dev.riffle.server.queue.Ticket;
import dev.riffle.server.wire.AudioCodec;
import dev.riffle.server.wire.FrameCodec;
import dev.riffle.server.wire.FrameFormat;
import dev.riffle.stream.ApiError;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import dev.riffle.stream.Protocol;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected stream's core: its identity, its place in the queue, its latest inputs, its counters, the
 * subscribers of its additional outputs and its lifecycle. Its media is in its parts - {@link VideoPart} (camera
 * frames), {@link AudioPart} (microphone audio), {@link GeneratorPart} (a generator's output); a
 * camera-and-microphone session has a video and an audio part. Created when a client starts
 * a stream; closed exactly once (client gone, heartbeat lost, handler ended or hung, server stopping), which frees its
 * slot at once.
 */
public final class StreamSession {
    /**
     * The sessions' lives, one line each at INFO: admitted (or waiting, at which place), time limit reached, closed
     * with its code and reason, refused with its code; handler failures at WARN with their stack trace, once per
     * session and kind. Logger name {@code dev.riffle.server.engine.StreamSession}.
     */
    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
    /** Hears a session's additional outputs and its end (the SSE route and {@code Stream.outputStream}). */
    public interface Subscriber {
        void outputs(AdditionalOutputs outputs);

        void closed(String code, String message);
    }

    /** Control message types the session itself sends; handlers' messages may not pose as them. */
    static final java.util.Set<String> RESERVED_TYPES = java.util.Set.of(Protocol.Type.SESSION,
            Protocol.Type.QUEUE, Protocol.Type.EXPIRED, Protocol.Type.OUTPUTS, Protocol.Type.ERROR, Protocol.Type.CLOSED);

    private final String id = SessionIds.next();
    private final String token = SessionIds.next();
    /** the client's own id for the session (FastRTC's webrtc_id), or null */
    private final ClientId clientId;

    /**
     * The client's own name for its session (FastRTC's {@code webrtc_id}) and the address it came from.
     *
     * @param id the client's id
     * @param address the remote address of the request that opened the session
     */
    public record ClientId(String id, String address) {
    }
    private final StreamRuntime stream;
    private final Engine engine;
    private final Peer peer;
    private final FrameFormat format;
    /** the camera's frames, or null */
    private final VideoPart video;
    /** the microphone's audio, or null */
    private final AudioPart audio;
    /** a RECEIVE stream's generator, or null */
    private final GeneratorPart generator;
    /** the parts above that are set; the one whose inputs the session reports first */
    private final List<SessionPart> parts;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** outputs put out before the first subscriber came; guards the subscribers' calls too, to keep them in order */
    private final ArrayDeque<AdditionalOutputs> unheard = new ArrayDeque<>();
    private boolean everSubscribed;
    static final int UNHEARD_KEPT = 32;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** orders input changes from the client with those the handler's outputs make */
    private final Object inputsLock = new Object();
    private final AtomicLong ignored = new AtomicLong();
    private final Set<String> loggedFailures = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final long openedNanos = System.nanoTime();
    /** when the session last began to wait in line (opened, or sent back by its time limit) */
    private volatile long waitingSinceNanos = openedNanos;
    /** Whether the current admission has been logged (a session is admitted again after each time limit). */
    private final AtomicBoolean admissionLogged = new AtomicBoolean();
    private volatile Ticket ticket;

    private StreamSession(StreamRuntime stream, Engine engine, Peer peer, FrameFormat format, Inputs fromClient,
            ClientId clientId) {
        Inputs inputs = stream.keepState(fromClient, null);
        this.clientId = clientId;
        this.stream = stream;
        this.engine = engine;
        this.peer = peer;
        this.format = format;
        if (stream.generator() != null) {
            this.generator = new GeneratorPart(this, inputs);
            this.video = null;
            this.audio = null;
            this.parts = List.of(generator);
        } else if (stream.modality() == Modality.AUDIO || stream.isAudioVideo()) {
            StreamHandler handler = stream.newAudioHandler();
            this.generator = null;
            this.audio = new AudioPart(this, handler, inputs);
            // camera and microphone: the video side runs the same handler on a pipeline of its own
            this.video = handler instanceof AudioVideoStreamHandler both ? new VideoPart(this, (in, out, args) -> {
                both.videoReceive(in);
                return both.videoEmit(in, out);
            }, inputs) : null;
            this.parts = video == null ? List.of(audio) : List.of(audio, video);
        } else {
            this.generator = null;
            this.audio = null;
            this.video = new VideoPart(this, stream.newHandler(), inputs);
            this.parts = List.of(video);
        }
    }

    /**
     * Starts a session: registers it, tells the client its id and token, and puts it in line.
     *
     * @throws ApiError {@code queue_full} (503) if the line is full; nothing is left behind then
     */
    public static StreamSession open(StreamRuntime stream, Engine engine, Peer peer, FrameFormat format, Inputs inputs) {
        return open(stream, engine, peer, format, inputs, null);
    }

    /**
     * Starts a session that its client also names by its own id ({@code clientId}, FastRTC's {@code webrtc_id}):
     * the session routes find it by that id too.
     */
    public static StreamSession open(StreamRuntime stream, Engine engine, Peer peer, FrameFormat format, Inputs inputs,
            ClientId clientId) {
        if (engine.isDraining()) {
            throw new ApiError(ErrorCode.SERVER_STOPPING, "This server is draining and takes no new sessions; start"
                    + " again to be served by another one.");
        }
        StreamSession session = new StreamSession(stream, engine, peer, format, inputs, clientId);
        engine.register(session);
        stream.register(session);
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", Protocol.Type.SESSION);
        hello.put("session_id", session.id);
        hello.put("token", session.token);
        hello.put("modality", stream.modality().name().toLowerCase());
        hello.put("mode", stream.mode().name().toLowerCase());
        if (stream.modality() == Modality.AUDIO) {
            hello.put("format", "pcm");
            hello.put("sample_rate", stream.options().sampleRate());
            hello.put("channels", 1);
        } else {
            hello.put("format", format.name().toLowerCase());
        }
        hello.put("time_limit", Wire.seconds(stream.options().timeLimit()));
        hello.put("stream_every", stream.options().captureEvery());
        hello.put("concurrency_limit", stream.options().concurrencyLimit());
        peer.sendText(Wire.write(hello));
        ApiError refused = null;
        try {
            // the queue's listener reports the admission or the place in line
            Ticket first = engine.queue().join(session.id, stream.concurrencyId(), stream.options().timeLimit());
            if (first.state() == Ticket.State.WAITING && !stream.options().queueOverLimit()) {
                refused = new ApiError(ErrorCode.CONCURRENCY_LIMIT_REACHED, "All "
                        + stream.options().concurrencyLimit() + " slot(s) of stream '" + stream.name() + "' are taken; try"
                        + " again later.", Map.of("limit", stream.options().concurrencyLimit()));
            }
        } catch (QueueFullException full) {
            refused = new ApiError(ErrorCode.QUEUE_FULL, full.getMessage(),
                    Map.of("concurrency_id", stream.concurrencyId()));
        } catch (ApiError unavailable) {
            refused = unavailable; // a shared queue that cannot be reached (queue_unavailable)
        }
        if (refused != null) {
            session.refuse(refused);
            throw refused;
        }
        Ticket now = session.currentTicket();
        if (now != null && now.state() == Ticket.State.WAITING) {
            LOG.info("Stream '{}' session {}: waiting in line at position {}", stream.name(), session.id,
                    now.position());
        } else if (now != null) {
            session.logAdmitted();
        }
        engine.scheduleTick();
        if (session.generator != null) {
            // the generator waits for the connection too: over WebRTC, media sent before it is up is lost
            session.generator.start();
        }
        return session;
    }

    public String id() {
        return id;
    }

    public String token() {
        return token;
    }

    /** The client's own id for the session (FastRTC's {@code webrtc_id}), or null. */
    String clientId() {
        return clientId == null ? null : clientId.id();
    }

    /**
     * Whether a request may act for this session (set its inputs, read its outputs and queue place, trickle its
     * candidates). It may when it shows the session's token; or - for FastRTC's clients, which know no token - when
     * it names the session by the client's own id and that id is a secret ({@link SessionIds#isSecret}: 64 random
     * bits or more), or a shorter id comes from the address that opened the session (FastRTC's documented client
     * draws ids of about 30 bits: enough to tell its own sessions apart, not to keep them from other machines).
     *
     * @param presentedToken the request's bearer token, or null
     * @param presentedId the session id the request names
     * @param address the request's remote address
     */
    public boolean authorizes(String presentedToken, String presentedId, String address) {
        if (tokenMatches(presentedToken)) {
            return true;
        }
        return clientId != null && clientId.id().equals(presentedId)
                && (SessionIds.isSecret(clientId.id()) || clientId.address() != null
                        && clientId.address().equals(address));
    }

    /** Whether {@code presented} is this session's token (compared in constant time). */
    boolean tokenMatches(String presented) {
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    Ticket ticket() {
        return ticket;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Whether the client sends media (not a {@link Mode#RECEIVE} stream). */
    public boolean receivesMedia() {
        return generator == null;
    }

    /** A frame from the client: processed while the session holds a slot, ignored (and counted) while it waits. */
    public void receive(VideoPipeline.Incoming frame) {
        if (video == null) {
            return; // not a video stream: the transport refuses such frames
        }
        if (admit()) {
            offer(frame);
        }
    }

    /**
     * Counts the client's media as a sign of life and tells whether it is for the handler: true while the session
     * holds a slot; otherwise the media is counted as ignored. A transport that must convert a frame before
     * {@link #offer offering} it asks first, so frames of a waiting session are never converted.
     */
    public boolean admit() {
        engine.queue().heartbeat(id);
        if (!isAdmitted()) {
            ignored.incrementAndGet();
            return false;
        }
        return true;
    }

    /** A camera frame the transport did not pass on because it came sooner than stream_every. */
    public void skippedByStreamEvery() {
        if (video != null) {
            video.skippedByStreamEvery();
        }
    }

    /** A frame {@link #admit() admitted} by the transport, for the pipeline. */
    public void offer(VideoPipeline.Incoming frame) {
        if (video == null) {
            return; // a stream without camera frames (audio, a generator): a client's video goes nowhere
        }
        video.offer(frame);
    }

    /**
     * An audio chunk from the client: mixed down to mono and resampled to the stream's rate, then appended for the
     * handler while the session holds a slot; ignored (and counted) while it waits.
     */
    public void receive(AudioChunk received) {
        if (audio != null && admit()) {
            audio.offer(received);
        }
    }

    /** Whether the session holds a slot now (frames are processed). */
    public boolean isAdmitted() {
        Ticket t = ticket;
        return !closed.get() && t != null && t.state() == Ticket.State.ADMITTED;
    }

    public boolean isAudio() {
        return audio != null;
    }

    void heartbeat() {
        engine.queue().heartbeat(id);
    }

    /** The control messages both transports carry once a session runs. */
    public static final Set<String> COMMANDS = Set.of(Protocol.Type.INPUTS, Protocol.Type.HEARTBEAT, Protocol.Type.STOP);

    /**
     * Carries out one of the {@link #COMMANDS}: new input values, a heartbeat, or the client's stop.
     *
     * @throws ApiError {@code bad_request} (400) for input values that do not fit the stream
     */
    public void command(String type, JsonNode message) {
        switch (type) {
            case Protocol.Type.INPUTS -> setInputs(stream.checkInputs(Wire.values(message.get("values"))));
            case Protocol.Type.HEARTBEAT -> heartbeat();
            case Protocol.Type.STOP -> close(ErrorCode.STOPPED, "The client stopped the stream.");
            default -> throw new IllegalArgumentException("Not a session command: " + type);
        }
    }

    /** New additional input values from the client or {@code set_input}, applied from the next frame; state stays. */
    public void setInputs(Inputs inputs) {
        synchronized (inputsLock) {
            applyInputs(stream.keepState(inputs, inputs()));
        }
    }

    private void applyInputs(Inputs inputs) {
        parts.forEach(p -> p.setInputs(inputs));
    }

    public Inputs inputs() {
        return parts.get(0).inputs();
    }

    /**
     * Adds a subscriber of the additional outputs. The first one also gets, at once and in order, what the handler
     * put out before anyone subscribed (a startup greeting, the first frames' results; the last
     * {@value #UNHEARD_KEPT} at most), as FastRTC's output queue keeps them for {@code output_stream}.
     */
    public Runnable subscribe(Subscriber subscriber) {
        synchronized (unheard) {
            subscribers.add(subscriber);
            everSubscribed = true;
            unheard.forEach(subscriber::outputs);
            unheard.clear();
        }
        if (closed.get()) {
            subscriber.closed(Protocol.Type.CLOSED, "The session has ended.");
        }
        return () -> subscribers.remove(subscriber);
    }

    /** Counters, as the queue status route reports them. */
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        parts.get(0).stats(m);
        if (audio != null && video != null) {
            m.put("video", video.counters());
        }
        m.put("ignored_while_waiting", ignored.get());
        return m;
    }

    // ---- queue news

    /**
     * The queue has news for this session. Events of different threads may arrive out of order, so the session
     * reads its current ticket from the queue instead of trusting the event's snapshot, and reports it under its
     * lock: the last message a client gets always tells the current state.
     */
    void queueChanged(Ticket news) {
        synchronized (this) {
            Ticket t = currentTicket();
            if (t == null) {
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", Protocol.Type.QUEUE);
            m.put("state", t.state().name().toLowerCase());
            if (t.state() == Ticket.State.WAITING) {
                m.put("position", t.position());
                m.put("eta", Wire.seconds(t.eta()));
            } else if (t.state() == Ticket.State.ADMITTED) {
                m.put("time_limit", Wire.seconds(t.timeLimit()));
                m.put("remaining", Wire.seconds(t.remaining()));
            }
            peer.sendText(Wire.write(m));
            if (t.state() == Ticket.State.ADMITTED) {
                logAdmitted();
                peer.fastRtcNotice(Protocol.Type.SEND_INPUT, List.of());
            } else if (t.state() == Ticket.State.WAITING) {
                // FastRTC's clients show warnings, not Riffle's queue messages
                peer.fastRtcNotice(Protocol.Type.WARNING, "Waiting in line: position " + t.position()
                        + (t.eta() == null ? "" : ", about " + Math.max(1, Math.round(t.eta().toMillis() / 1000.0))
                        + " s") + ". The stream starts when a slot frees.");
            }
        }
        if (generator != null) {
            generator.wake();
        }
    }

    /** Logs (and counts the wait of) the session's admission once per admission. */
    private void logAdmitted() {
        if (admissionLogged.compareAndSet(false, true)) {
            stream.counters().queueWait.record(System.nanoTime() - waitingSinceNanos);
            LOG.info("Stream '{}' session {}: admitted, time limit {}", stream.name(), id,
                    stream.options().timeLimit() == null ? "none" : seconds(stream.options().timeLimit()));
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() / 1000.0 + " s";
    }

    void expired(Ticket news) {
        synchronized (this) {
            if (currentTicket() == null) {
                return;
            }
            admissionLogged.set(false);
            waitingSinceNanos = System.nanoTime();
            stream.counters().timeLimitExpiries.increment();
            LOG.info("Stream '{}' session {}: time limit reached; its slot went to the next in line and it rejoined"
                    + " the queue", stream.name(), id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", Protocol.Type.EXPIRED);
            m.put("message", "Time limit reached: the slot went to the next in line and this stream rejoined the"
                    + " queue at the back.");
            peer.sendText(Wire.write(m));
            // the queue reports the new place in line next, once the freed slot has been given away
        }
    }

    /** Whether the session waits in line now (as the queue last told it). */
    public boolean isWaiting() {
        Ticket t = ticket;
        return !closed.get() && t != null && t.state() == Ticket.State.WAITING;
    }

    /** The audio waiting for the handler, in ms (0 without a microphone). */
    public double audioBacklogMillis() {
        return audio == null ? 0 : audio.backlogMillis();
    }

    /** Reads and keeps the session's ticket as the queue has it now; null once the session is gone. */
    private Ticket currentTicket() {
        Ticket t = engine.queue().ticket(id);
        if (t == null || closed.get()) {
            return null;
        }
        ticket = t;
        return t;
    }

    // ---- for the parts

    StreamRuntime stream() {
        return stream;
    }

    Engine engine() {
        return engine;
    }

    Peer peer() {
        return peer;
    }

    /** The handler's additional outputs: fed back into inputs they also are, then to subscribers and the client. */
    void sendOutputs(long seq, AdditionalOutputs extra) {
        synchronized (inputsLock) {
            // before the next frame or chunk: outputs that are inputs too (state, a growing transcript) feed back
            Inputs current = inputs();
            Inputs next = stream.feedBack(current, extra.values());
            if (next != current) {
                applyInputs(next);
            }
        }
        List<Object> visible = stream.visibleOutputs(extra.values());
        AdditionalOutputs shown = AdditionalOutputs.of(visible.toArray());
        // the session's own subscribers first: whoever sees the page's copy can subscribe and find it kept
        synchronized (unheard) {
            if (!everSubscribed) {
                if (unheard.size() == UNHEARD_KEPT) {
                    unheard.removeFirst();
                }
                unheard.add(shown);
            }
            for (Subscriber s : subscribers) {
                s.outputs(shown);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", Protocol.Type.OUTPUTS);
        m.put("seq", seq);
        m.put("values", visible);
        peer.sendText(Wire.write(m));
        peer.fastRtcNotice(Protocol.Type.FETCH_OUTPUT, List.of());
    }

    /** Refuses the session at its start, once: logged, counted, told to the client, closed. */
    private void refuse(ApiError error) {
        logOnce(error, null);
        stream.counters().sessionsRefused.increment();
        closeWith(error);
    }

    /** A handler failure that ends the session: logged once, then {@link #closeWith}. */
    void handlerEnded(ApiError reported, RuntimeException cause) {
        logOnce(reported, cause);
        closeWith(reported);
    }

    /**
     * Ends the session because of {@code error}: the client gets the error, then the close, in one step - a client
     * that hangs up as soon as it reads the error cannot end the session as something else in between.
     */
    void closeWith(ApiError error) {
        close(error.errorCode(), error.getMessage(), error);
    }

    /** A handler's failure: logged once per session and kind, and told to the client; the stream goes on. */
    void handlerFailed(ApiError reported, RuntimeException cause) {
        logOnce(reported, cause);
        fail(reported);
    }

    /** A failure as people read it: an Error a handler threw is named as itself. */
    static String describe(RuntimeException error) {
        return error instanceof VideoPipeline.HandlerError ? error.getMessage() : error.toString();
    }

    /**
     * Logs a session's failure on the server the first time it fails that way (its code), with the stack trace for a
     * handler's own failure: a handler failing on every frame writes one line, not thirty a second. Bad input from
     * the client (4xx) is the client's to hear, and is logged without a trace.
     */
    private void logOnce(ApiError reported, RuntimeException cause) {
        if (!loggedFailures.add(reported.code())) {
            return;
        }
        String line = "Stream '" + stream.name() + "' session " + id + ": " + reported.code() + " - "
                + reported.getMessage() + " (logged once per session and kind)";
        if (reported.status() >= 500 && cause != null && cause != reported) {
            LOG.warn(line, cause.getCause() != null && cause instanceof VideoPipeline.HandlerError
                    ? cause.getCause() : cause);
        } else {
            LOG.info(line);
        }
    }

    /** Sends a non-fatal error message: the stream goes on. */
    void fail(ApiError error) {
        peer.sendText(Wire.errorMessage(error));
    }

    /** How long a client may leave one send waiting (it stopped reading) before its session ends. */
    static final long CLIENT_STALL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    /** Ends the session of a client that has stopped reading what the server sends. */
    void checkClient() {
        long stalled = peer.stalledNanos();
        if (stalled > CLIENT_STALL_NANOS) {
            close(ErrorCode.CLIENT_TOO_SLOW, "The client has not read what the server sent for " + stalled / 1_000_000
                    + " ms; the session was ended and its slot freed.");
        }
    }

    /** Closes the session if its handler call has been running longer than the stream's handler timeout. */
    void checkHandlerTimeout() {
        long busy = 0;
        for (SessionPart p : parts) {
            busy = Math.max(busy, p.busyNanos()); // a generator paces itself: 0
        }
        if (busy > stream.options().handlerTimeout().toNanos()) {
            ApiError e = new ApiError(ErrorCode.HANDLER_TIMEOUT, "The handler has not returned for "
                    + busy / 1_000_000 + " ms (limit " + stream.options().handlerTimeout().toMillis() + " ms); the stream was"
                    + " ended and its slot freed.", Map.of("busy_ms", busy / 1_000_000));
            closeWith(e);
        }
    }

    /**
     * Ends the session once: leaves the queue (the slot goes to the next in line at once), stops the pipeline,
     * tells subscribers and the client, and closes the connection with {@code code}.
     */
    public void close(ErrorCode code, String message) {
        close(code, message, null);
    }

    private void close(ErrorCode code, String message, ApiError error) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (error != null) {
            fail(error);
        }
        LOG.info("Stream '{}' session {}: closed, {} - {} (after {})", stream.name(), id, code.wire(), message,
                seconds(Duration.ofNanos(System.nanoTime() - openedNanos)));
        engine.unregister(this);
        stream.unregister(this);
        engine.queue().leave(id);
        parts.forEach(SessionPart::close);
        for (Subscriber s : subscribers) {
            s.closed(code.wire(), message);
        }
        if (code == ErrorCode.CLOSED_BY_HANDLER) {
            peer.fastRtcNotice(Protocol.Type.END_STREAM, message);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", Protocol.Type.CLOSED);
        m.put("code", code.wire());
        m.put("message", message);
        try {
            peer.sendText(Wire.write(m));
        } catch (RuntimeException gone) {
            // the connection is already gone
        }
        peer.close(code);
    }
}
