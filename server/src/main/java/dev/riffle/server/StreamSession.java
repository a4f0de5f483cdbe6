package dev.riffle.server;

import dev.riffle.stream.Mode;
import dev.riffle.stream.Modality;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Protocol;
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
import dev.riffle.server.session.AudioPacer;
import dev.riffle.server.session.AudioPipeline;
import dev.riffle.server.session.SessionIds;
import dev.riffle.server.session.VideoPipeline;
import dev.riffle.server.wire.AudioCodec;
import dev.riffle.server.wire.FrameCodec;
import dev.riffle.server.wire.FrameFormat;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected stream: its own handler instance and pipeline (video frames or audio chunks), its place in the
 * queue, its latest inputs, its counters, and the subscribers of its additional outputs. Created when a client starts
 * a stream; closed exactly once (client gone, heartbeat lost, handler ended or hung, server stopping), which frees its
 * slot at once.
 */
final class StreamSession implements VideoPipeline.Listener, AudioPipeline.Listener {
    /** Hears a session's additional outputs and its end (the SSE route and {@link Stream#outputStream}). */
    interface Subscriber {
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
    record ClientId(String id, String address) {
    }
    private final Stream stream;
    private final Engine engine;
    private final Peer peer;
    private final FrameFormat format;
    /** one of pipeline and audio is set, by the stream's modality; both for a camera-and-microphone stream */
    private final VideoPipeline pipeline;
    private final AudioPipeline audio;
    private final StreamHandler audioHandler;
    private final AudioPacer pacer;
    /** a RECEIVE stream's generator, else null (then exactly one of pipeline and audio is set) */
    private final GeneratedStream generated;
    private volatile Inputs generatorInputs;
    private final AtomicLong videoOutSeq = new AtomicLong();
    /** waiters for the session's slot (the generator) */
    private final Object admission = new Object();
    private final AtomicLong audioOutSeq = new AtomicLong();
    private Resampler resampler;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** outputs put out before the first subscriber came; guards the subscribers' calls too, to keep them in order */
    private final ArrayDeque<AdditionalOutputs> unheard = new ArrayDeque<>();
    private boolean everSubscribed;
    static final int UNHEARD_KEPT = 32;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** orders input changes from the client with those the handler's outputs make */
    private final Object inputsLock = new Object();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong skippedByStreamEvery = new AtomicLong();
    private final Set<String> loggedFailures = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Ticket ticket;
    private VideoFrame out;

    private StreamSession(Stream stream, Engine engine, Peer peer, FrameFormat format, Inputs fromClient,
            ClientId clientId) {
        Inputs inputs = stream.keepState(fromClient, null);
        this.clientId = clientId;
        this.stream = stream;
        this.engine = engine;
        this.peer = peer;
        this.format = format;
        if (stream.generator() != null) {
            this.pipeline = null;
            this.audio = null;
            this.audioHandler = null;
            this.generatorInputs = inputs;
            this.pacer = stream.modality() == Modality.VIDEO ? null
                    : new AudioPacer(engine.pacer(), this::sendAudioFrame, peer.audioLeadMillis());
            this.generated = new GeneratedStream(stream.name(), stream.generator(), new GeneratorSession(),
                    stream.fps());
        } else if (stream.modality() == Modality.AUDIO || stream.isAudioVideo()) {
            this.generated = null;
            this.audioHandler = stream.newAudioHandler();
            if (audioHandler instanceof AudioVideoStreamHandler both) {
                // camera and microphone: the video side runs the same handler on a pipeline of its own
                this.pipeline = new VideoPipeline((in, out, args) -> {
                    both.videoReceive(in);
                    return both.videoEmit(in, out);
                }, engine.handlers(), this);
                this.pipeline.setInputs(inputs);
            } else {
                this.pipeline = null;
            }
            this.audioHandler.setArgs(inputs);
            this.audio = new AudioPipeline(audioHandler, engine.handlers(), this,
                    stream.maxAudioBacklog().toMillis());
            this.pacer = new AudioPacer(engine.pacer(), this::sendAudioFrame, peer.audioLeadMillis());
            this.audioHandler.attach(new HandlerChannel());
        } else {
            this.generated = null;
            this.audio = null;
            this.audioHandler = null;
            this.pacer = null;
            this.pipeline = new VideoPipeline(stream.newHandler(), engine.handlers(), this);
            this.pipeline.setInputs(inputs);
        }
    }

    /**
     * Starts a session: registers it, tells the client its id and token, and puts it in line.
     *
     * @throws ApiError {@code queue_full} (503) if the line is full; nothing is left behind then
     */
    static StreamSession open(Stream stream, Engine engine, Peer peer, FrameFormat format, Inputs inputs) {
        return open(stream, engine, peer, format, inputs, null);
    }

    /**
     * Starts a session that its client also names by its own id ({@code clientId}, FastRTC's {@code webrtc_id}):
     * the session routes find it by that id too.
     */
    static StreamSession open(Stream stream, Engine engine, Peer peer, FrameFormat format, Inputs inputs,
            ClientId clientId) {
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
            hello.put("sample_rate", stream.sampleRate());
            hello.put("channels", 1);
        } else {
            hello.put("format", format.name().toLowerCase());
        }
        hello.put("time_limit", Wire.seconds(stream.timeLimit()));
        hello.put("stream_every", stream.streamEvery());
        hello.put("concurrency_limit", stream.concurrencyLimit());
        peer.sendText(Wire.write(hello));
        try {
            // the queue's listener reports the admission or the place in line
            Ticket first = engine.queue().join(session.id, stream.concurrencyId(), stream.timeLimit());
            if (first.state() == Ticket.State.WAITING && !stream.queuesOverLimit()) {
                ApiError error = new ApiError(ErrorCode.CONCURRENCY_LIMIT_REACHED, "All "
                        + stream.concurrencyLimit() + " slot(s) of stream '" + stream.name() + "' are taken; try"
                        + " again later.", Map.of("limit", stream.concurrencyLimit()));
                session.logOnce(error, null);
                session.fail(error);
                session.close(error.errorCode(), error.getMessage());
                throw error;
            }
        } catch (QueueFullException full) {
            ApiError error = new ApiError(ErrorCode.QUEUE_FULL, full.getMessage(),
                    Map.of("concurrency_id", stream.concurrencyId()));
            session.logOnce(error, null);
            session.fail(error);
            session.close(ErrorCode.QUEUE_FULL, error.getMessage());
            throw error;
        }
        engine.scheduleTick();
        if (session.generated != null) {
            session.generated.start();
            // the generator waits for the connection too: over WebRTC, media sent before it is up is lost
            peer.mediaReady().thenRun(session::wakeGenerator);
        }
        return session;
    }

    String id() {
        return id;
    }

    String token() {
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
    boolean authorizes(String presentedToken, String presentedId, String address) {
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
    boolean receivesMedia() {
        return generated == null;
    }

    /** A frame from the client: processed while the session holds a slot, ignored (and counted) while it waits. */
    void receive(VideoPipeline.Incoming frame) {
        if (pipeline == null) {
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
    boolean admit() {
        engine.queue().heartbeat(id);
        if (!isAdmitted()) {
            ignored.incrementAndGet();
            return false;
        }
        return true;
    }

    /** A camera frame the transport did not pass on because it came sooner than stream_every. */
    void skippedByStreamEvery() {
        skippedByStreamEvery.incrementAndGet();
    }

    /** A frame {@link #admit() admitted} by the transport, for the pipeline. */
    void offer(VideoPipeline.Incoming frame) {
        if (pipeline == null) {
            return; // a stream without camera frames (audio, a generator): a client's video goes nowhere
        }
        pipeline.offer(frame);
    }

    /**
     * An audio chunk from the client: mixed down to mono and resampled to the stream's rate, then appended for the
     * handler while the session holds a slot; ignored (and counted) while it waits.
     */
    void receive(AudioChunk received) {
        if (audio == null || !admit()) {
            return;
        }
        AudioChunk chunk = received.toMono();
        if (chunk.sampleRate() != stream.sampleRate()) {
            synchronized (this) {
                if (resampler == null || resampler.fromRate() != chunk.sampleRate()) {
                    resampler = new Resampler(chunk.sampleRate(), stream.sampleRate());
                }
                chunk = new AudioChunk(stream.sampleRate(), 1, resampler.process(chunk.samples()));
            }
        }
        audio.offer(chunk);
    }

    /** Whether the session holds a slot now (frames are processed). */
    private boolean isAdmitted() {
        Ticket t = ticket;
        return !closed.get() && t != null && t.state() == Ticket.State.ADMITTED;
    }

    boolean isAudio() {
        return audio != null;
    }

    void heartbeat() {
        engine.queue().heartbeat(id);
    }

    /** The control messages both transports carry once a session runs. */
    static final Set<String> COMMANDS = Set.of(Protocol.Type.INPUTS, Protocol.Type.HEARTBEAT, Protocol.Type.STOP);

    /**
     * Carries out one of the {@link #COMMANDS}: new input values, a heartbeat, or the client's stop.
     *
     * @throws ApiError {@code bad_request} (400) for input values that do not fit the stream
     */
    void command(String type, JsonNode message) {
        switch (type) {
            case Protocol.Type.INPUTS -> setInputs(stream.checkInputs(StreamSocket.values(message.get("values"))));
            case Protocol.Type.HEARTBEAT -> heartbeat();
            case Protocol.Type.STOP -> close(ErrorCode.STOPPED, "The client stopped the stream.");
            default -> throw new IllegalArgumentException("Not a session command: " + type);
        }
    }

    /** New additional input values from the client or {@code set_input}, applied from the next frame; state stays. */
    void setInputs(Inputs inputs) {
        synchronized (inputsLock) {
            applyInputs(stream.keepState(inputs, inputs()));
        }
    }

    private void applyInputs(Inputs inputs) {
        if (generated != null) {
            generatorInputs = inputs;
            return;
        }
        if (audio != null) {
            audioHandler.setArgs(inputs);
        }
        if (pipeline != null) {
            pipeline.setInputs(inputs);
        }
    }

    Inputs inputs() {
        return generated != null ? generatorInputs : audio != null ? audioHandler.latestArgs() : pipeline.inputs();
    }

    /**
     * Adds a subscriber of the additional outputs. The first one also gets, at once and in order, what the handler
     * put out before anyone subscribed (a startup greeting, the first frames' results; the last
     * {@value #UNHEARD_KEPT} at most), as FastRTC's output queue keeps them for {@code output_stream}.
     */
    Runnable subscribe(Subscriber subscriber) {
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
    Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (generated != null) {
            m.put("sent_frames", videoOutSeq.get());
            m.put("sent", audioOutSeq.get());
        } else if (audio != null) {
            m.put("received", audio.received());
            m.put("processed", audio.processed());
            m.put("dropped", 0);
            m.put("failed", audio.failed());
            m.put("sent", audioOutSeq.get());
            if (pipeline != null) {
                m.put("video", Map.of("received", pipeline.received(), "processed", pipeline.processed(),
                        "dropped", pipeline.dropped(), "failed", pipeline.failed()));
            }
        } else {
            m.put("received", pipeline.received());
            m.put("processed", pipeline.processed());
            m.put("dropped", pipeline.dropped());
            m.put("failed", pipeline.failed());
            m.put("skipped_by_stream_every", skippedByStreamEvery.get());
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
                peer.fastRtcNotice(Protocol.Type.SEND_INPUT, List.of());
            } else if (t.state() == Ticket.State.WAITING) {
                // FastRTC's clients show warnings, not Riffle's queue messages
                peer.fastRtcNotice(Protocol.Type.WARNING, "Waiting in line: position " + t.position()
                        + (t.eta() == null ? "" : ", about " + Math.max(1, Math.round(t.eta().toMillis() / 1000.0))
                        + " s") + ". The stream starts when a slot frees.");
            }
        }
        wakeGenerator();
    }

    void expired(Ticket news) {
        synchronized (this) {
            if (currentTicket() == null) {
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", Protocol.Type.EXPIRED);
            m.put("message", "Time limit reached: the slot went to the next in line and this stream rejoined the"
                    + " queue at the back.");
            peer.sendText(Wire.write(m));
            // the queue reports the new place in line next, once the freed slot has been given away
        }
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

    // ---- pipeline callbacks (handler threads)

    @Override
    public VideoFrame outputFrame(VideoFrame in) {
        // the transport encodes or copies the frame before sendVideo returns: one frame per size serves every call
        if (out == null || !out.sameSize(in)) {
            out = VideoFrame.allocate(in.width(), in.height());
        }
        return out;
    }

    @Override
    public void output(long seq, VideoFrame in, VideoFrame result, AdditionalOutputs extra, long startedNanos) {
        if (closed.get()) {
            return;
        }
        if (stream.mode() != Mode.SEND) {
            peer.sendVideo(result, seq, startedNanos);
        }
        if (extra != null) {
            sendOutputs(seq, extra);
        }
    }

    private void sendOutputs(long seq, AdditionalOutputs extra) {
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

    @Override
    public void failed(long seq, RuntimeException error) {
        ApiError e = error instanceof ApiError api ? api
                : new ApiError(ErrorCode.HANDLER_ERROR, "The handler failed on frame " + seq + ": " + describe(error),
                        Map.of("seq", seq));
        logOnce(e, error);
        fail(e);
    }

    /** A failure as people read it: an Error a handler threw is named as itself. */
    private static String describe(RuntimeException error) {
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
        System.Logger log = System.getLogger(StreamSession.class.getName());
        String line = "Stream '" + stream.name() + "' session " + id + ": " + reported.code() + " - "
                + reported.getMessage() + " (logged once per session and kind)";
        if (reported.status() >= 500 && cause != null && cause != reported) {
            log.log(System.Logger.Level.WARNING, line, cause.getCause() != null
                    && cause instanceof VideoPipeline.HandlerError ? cause.getCause() : cause);
        } else {
            log.log(System.Logger.Level.INFO, line);
        }
    }

    @Override
    public void closedByHandler(String message) {
        close(ErrorCode.CLOSED_BY_HANDLER, message == null ? "The handler ended the stream." : message);
    }

    // ---- audio pipeline callbacks (handler threads)

    @Override
    public void output(AudioChunk chunk) {
        if (closed.get() || stream.mode() == Mode.SEND) {
            return;
        }
        AudioChunk playable = chunk.channels() > AudioCodec.MAX_CHANNELS ? chunk.toMono() : chunk;
        try {
            AudioCodec.check(playable);
        } catch (IllegalArgumentException e) {
            failed(new ApiError(ErrorCode.HANDLER_ERROR, "The handler emitted audio the client cannot play: "
                    + e.getMessage()));
            return;
        }
        if (generated == null
                && pacer.queuedMillis() + playable.durationMillis() > stream.maxOutputBacklog().toMillis()) {
            // a generator waits for its audio to play; a handler that emits faster than real time is stopped here
            ApiError e = new ApiError(ErrorCode.OUTPUT_BACKLOG, "The handler's audio has run "
                    + stream.maxOutputBacklog().toSeconds() + " s ahead of playback (it emits faster than real"
                    + " time); the stream was ended", Map.of("max_ms", stream.maxOutputBacklog().toMillis()));
            logOnce(e, null);
            fail(e);
            close(e.errorCode(), e.getMessage());
            return;
        }
        pacer.offer(playable);
    }

    /** One paced 20 ms frame (on the pacer's thread). */
    private void sendAudioFrame(AudioChunk frame) {
        if (closed.get()) {
            return;
        }
        long seq = audioOutSeq.incrementAndGet();
        try {
            peer.sendAudio(frame, seq);
        } catch (RuntimeException gone) {
            // the connection is closing; the session's close stops the pacer
        }
    }

    /** What the audio handler may say besides audio: FastRTC's log/warning messages, outputs, clear_queue. */
    private final class HandlerChannel implements StreamHandler.Channel {
        @Override
        public void send(String type, Object data) {
            if (type == null || RESERVED_TYPES.contains(type)) {
                throw new IllegalArgumentException("A handler cannot send '" + type + "' messages: "
                        + RESERVED_TYPES + " are the connection's own (use log, warning or your own type)");
            }
            if (closed.get()) {
                return;
            }
            peer.sendText(Wire.typed(type, data));
            if (Protocol.Type.LOG.equals(type) && "pause_detected".equals(data)) {
                // FastRTC asks for the inputs the reply will be computed with
                peer.fastRtcNotice(Protocol.Type.SEND_INPUT, List.of());
            }
        }

        @Override
        public void outputs(AdditionalOutputs extra) {
            if (closed.get()) {
                return;
            }
            sendOutputs(audio.processed(), extra);
        }

        @Override
        public void clearQueue() {
            pacer.clear();
        }
    }

    /** Wakes a generator waiting for its slot or connection (it checks again, or sees the session closed). */
    private void wakeGenerator() {
        synchronized (admission) {
            admission.notifyAll();
        }
    }

    /** What a {@link GeneratedStream} does with its session. */
    private final class GeneratorSession implements GeneratedStream.Session {
        @Override
        public void awaitAdmitted() throws InterruptedException {
            synchronized (admission) {
                while (!isAdmitted() || !peer.mediaReady().isDone()) {
                    if (closed.get()) {
                        throw new InterruptedException("the session ended");
                    }
                    admission.wait();
                }
            }
        }

        @Override
        public Inputs inputs() {
            return generatorInputs;
        }

        @Override
        public void video(long seq, VideoFrame frame) {
            if (stream.modality() == Modality.AUDIO) {
                throw new IllegalStateException("This stream carries audio; the generator yielded a video frame");
            }
            videoOutSeq.incrementAndGet();
            output(seq, frame, frame, null, System.nanoTime());
        }

        @Override
        public long audio(AudioChunk chunk) {
            if (pacer == null) {
                throw new IllegalStateException("This stream carries video; the generator yielded audio");
            }
            output(chunk);
            return pacer.queuedMillis();
        }

        @Override
        public long queuedAudioMillis() {
            return pacer == null ? 0 : pacer.queuedMillis();
        }

        @Override
        public void outputs(long seq, AdditionalOutputs outputs) {
            if (!closed.get()) {
                sendOutputs(seq, outputs);
            }
        }

        @Override
        public void finished(RuntimeException error) {
            if (error != null) {
                ApiError e = error instanceof ApiError api ? api
                        : new ApiError(ErrorCode.HANDLER_ERROR, "The generator failed: " + describe(error));
                logOnce(e, error);
                fail(e);
                close(e.errorCode(), e.getMessage());
                return;
            }
            close(ErrorCode.CLOSED_BY_HANDLER, "The stream ended.");
        }
    }

    @Override
    public void failed(RuntimeException error) {
        ApiError e = error instanceof ApiError api ? api
                : new ApiError(ErrorCode.HANDLER_ERROR, "The handler failed on an audio chunk: " + describe(error));
        logOnce(e, error);
        fail(e);
    }

    @Override
    public void ended(ErrorCode code, String message) {
        if (code == ErrorCode.CLOSED_BY_HANDLER) {
            pacer.flush();
        }
        if (code == ErrorCode.AUDIO_BACKLOG) {
            fail(new ApiError(code, message));
        }
        close(code, message);
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
        if (generated != null) {
            return; // a generator paces itself; it ends with the session
        }
        long busy = audio != null ? audio.busyNanos() : pipeline.busyNanos();
        if (busy > stream.handlerTimeout().toNanos()) {
            ApiError e = new ApiError(ErrorCode.HANDLER_TIMEOUT, "The handler has not returned for "
                    + busy / 1_000_000 + " ms (limit " + stream.handlerTimeout().toMillis() + " ms); the stream was"
                    + " ended and its slot freed.", Map.of("busy_ms", busy / 1_000_000));
            fail(e);
            close(ErrorCode.HANDLER_TIMEOUT, e.getMessage());
        }
    }

    /**
     * Ends the session once: leaves the queue (the slot goes to the next in line at once), stops the pipeline,
     * tells subscribers and the client, and closes the connection with {@code code}.
     */
    void close(ErrorCode code, String message) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        engine.unregister(this);
        stream.unregister(this);
        engine.queue().leave(id);
        if (generated != null) {
            generated.stop();
            if (pacer != null) {
                pacer.close();
            }
        } else {
            if (audio != null) {
                audio.close();
                pacer.close();
            }
            if (pipeline != null) {
                pipeline.close();
            }
        }
        wakeGenerator();
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
