package dev.riffle.server;

import dev.riffle.blocks.Audio;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Button;
import dev.riffle.blocks.Component;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.State;
import dev.riffle.blocks.StreamEvent;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.AudioVideoStreamHandler;
import dev.riffle.handler.Generator;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.LiteHandler;
import dev.riffle.handler.StreamHandler;
import dev.riffle.handler.VideoHandler;
import dev.riffle.handler.VideoHandlerWithOutputs;
import dev.riffle.server.session.SessionIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A server-side stream, FastRTC's {@code Stream}: a handler, what it carries, its additional inputs and outputs, and
 * the queue's limits. {@link RiffleServer#mount mount} it on a server to get its routes: the WebSocket transport, the
 * input hook ({@code set_input}), the SSE output stream and queue status - and a page to try it.
 *
 * <pre>{@code
 * Stream stream = Stream.video("edge-count", EdgeCount::new)
 *         .additionalInputs(Slider.of(0, 255).value(100))
 *         .additionalOutputs(NumberField.create().label("Edge pixels"))
 *         .concurrencyLimit(4)
 *         .timeLimit(Duration.ofSeconds(60))
 *         .build();
 * RiffleServer.create().mount("/edges", stream).start();
 * }</pre>
 *
 * Every session gets its own handler instance from the factory (FastRTC's {@code copy()}). An audio stream
 * ({@link #audio}) runs a {@link StreamHandler}: microphone chunks go to {@code receive} in order, at the stream's
 * {@link #sampleRate() sample rate} (other rates are resampled, stereo is mixed down), and what {@code emit} returns
 * plays in the browser.
 */
public final class Stream {
    private final String name;
    private final Modality modality;
    private final Mode mode;
    private final Supplier<? extends VideoHandlerWithOutputs> factory;
    private final Supplier<? extends StreamHandler> audioFactory;
    private final Generator generator;
    private final double fps;
    private final List<Component> additionalInputs;
    private final List<Component> additionalOutputs;
    private final Integer concurrencyLimit;
    private final boolean queueOverLimit;
    private final String concurrencyId;
    private final Duration timeLimit;
    private final double streamEvery;
    private final Duration webRtcFrameInterval;
    private final Duration handlerTimeout;
    private final long maxPixels;
    private final float jpegQuality;
    private final int sampleRate;
    private final Duration maxAudioBacklog;
    private final Duration maxOutputBacklog;
    private final Blocks ui;
    private final StreamEvent uiEvent;
    private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, StreamSession> byClientId = new ConcurrentHashMap<>();
    private volatile Engine engine;
    private volatile String path;

    private Stream(Builder b) {
        this.name = b.name;
        this.modality = b.modality;
        this.mode = b.mode;
        this.factory = b.factory;
        this.audioFactory = b.audioFactory;
        this.generator = b.generator;
        this.fps = b.fps;
        this.additionalInputs = List.copyOf(b.additionalInputs);
        this.additionalOutputs = List.copyOf(b.additionalOutputs);
        this.concurrencyLimit = b.concurrencyLimit;
        this.queueOverLimit = b.queueOverLimit;
        this.concurrencyId = b.concurrencyId;
        this.timeLimit = b.timeLimit;
        this.streamEvery = b.streamEvery;
        this.webRtcFrameInterval = b.streamEverySet && b.generator == null
                ? Duration.ofNanos(Math.round(b.streamEvery * 1e9)) : Duration.ZERO;
        this.handlerTimeout = b.handlerTimeout;
        this.maxPixels = b.maxPixels;
        this.jpegQuality = b.jpegQuality;
        this.sampleRate = b.sampleRate;
        this.maxAudioBacklog = b.maxAudioBacklog;
        this.maxOutputBacklog = b.maxOutputBacklog;
        if (b.ui != null) {
            this.ui = b.ui;
            this.uiEvent = b.uiEvent;
        } else {
            this.ui = new Blocks(b.title != null ? b.title : name);
            this.uiEvent = defaultUi(ui);
        }
    }

    /**
     * An audio stream, FastRTC's {@code Stream(handler, modality="audio", mode="send-receive")}; every session gets
     * its own handler from {@code factory}.
     */
    public static Builder audio(String name, Supplier<? extends StreamHandler> factory) {
        Objects.requireNonNull(factory, "factory");
        return new Builder(name, null, factory);
    }

    /** An audio stream; every session gets a {@link StreamHandler#copy() copy} of {@code handler}. */
    public static Builder audio(String name, StreamHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return audio(name, handler::copy);
    }

    /**
     * A camera-and-microphone stream, FastRTC's {@code Stream(handler, modality="audio-video",
     * mode="send-receive")}: every session gets its own handler from {@code factory}, which sees the camera's frames
     * and the microphone's audio and answers with both. It needs WebRTC (the WebSocket transport carries one kind of
     * media per session and refuses it).
     */
    public static Builder audioVideo(String name, Supplier<? extends AudioVideoStreamHandler> factory) {
        Objects.requireNonNull(factory, "factory");
        return new Builder(name, null, factory, Modality.AUDIO_VIDEO);
    }

    /**
     * A server-to-client stream, FastRTC's {@code Stream(generator, modality=..., mode="receive")}: each session
     * runs {@code generator} (with the additional inputs' values) once admitted, and the client plays what it yields
     * - frames for {@link Modality#VIDEO}, audio chunks for {@link Modality#AUDIO}, both for
     * {@link Modality#AUDIO_VIDEO} - until it is exhausted or the client stops.
     */
    public static Builder receive(String name, Modality modality, Generator generator) {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(generator, "generator");
        Builder b = new Builder(name, null, null, modality);
        b.generator = generator;
        b.mode = Mode.RECEIVE;
        return b;
    }

    /** A video stream whose handler may answer with additional outputs; {@code name} names it in pages and errors. */
    public static Builder video(String name, Supplier<? extends VideoHandlerWithOutputs> factory) {
        Objects.requireNonNull(factory, "factory");
        return new Builder(name, factory, null);
    }

    /** A video stream of a plain handler (Lite filters included); one instance per session from {@code factory}. */
    public static Builder video(LiteHandler handler) {
        return new Builder(handler.id(), () -> VideoHandlerWithOutputs.of(handler.create()), null);
    }

    /** A video stream of a stateless handler shared by all sessions. */
    public static Builder video(String name, VideoHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return new Builder(name, () -> VideoHandlerWithOutputs.of(handler), null);
    }

    /**
     * The stream of a Blocks stream event, with its limits: its page is {@code app} with this stream wired to the
     * server.
     */
    public static Stream of(Blocks app, StreamEvent event) {
        Builder b;
        if (event.generator() != null) {
            b = receive(event.handlerId(), Modality.valueOf(event.modality().toUpperCase()), event.generator());
            b.fps = 1 / event.streamEvery();
        } else {
            b = event.modality().equals("audio_video") ? audioVideo(event.handlerId(), event::newAudioVideoHandler)
                    : event.isAudio() ? new Builder(event.handlerId(), null, event::newAudioHandler)
                    : new Builder(event.handlerId(), event::newServerHandler, null);
            if (event.mode().equals("send")) {
                b.mode = Mode.SEND;
            }
        }
        b.streamEvery = event.streamEvery();
        b.streamEverySet = true;
        b.concurrencyLimit = event.concurrencyLimit();
        b.concurrencyId = event.concurrencyId();
        b.timeLimit = event.timeLimit() == null ? null : Duration.ofMillis(Math.round(event.timeLimit() * 1000));
        for (Component c : event.inputs()) {
            if (c != event.trigger()) {
                b.additionalInputs.add(c);
            }
        }
        for (Component c : event.outputs()) {
            if (!(c instanceof Image) && !(c instanceof Audio)) {
                b.additionalOutputs.add(c);
            }
        }
        b.ui = app;
        b.uiEvent = event;
        return b.build();
    }

    // ---- FastRTC's operations

    /**
     * Sets the additional inputs of a running session, FastRTC's {@code stream.set_input(webrtc_id, *args)}: the
     * handler sees them from its next frame.
     *
     * @throws ApiError {@code unknown_session} (404) if no such session runs; {@code bad_request} (400) if the
     *     number of values is not the number of additional inputs
     */
    public void setInput(String sessionId, Object... values) {
        session(sessionId).setInputs(checkInputs(List.of(values)));
    }

    /**
     * Subscribes to a session's additional outputs, FastRTC's {@code stream.output_stream(webrtc_id)}. Calls come
     * on the handler's thread; {@code onEnd} runs once when the session ends.
     *
     * @return cancels the subscription
     * @throws ApiError {@code unknown_session} (404) if no such session runs
     */
    public Runnable outputStream(String sessionId, Consumer<AdditionalOutputs> onOutputs, Runnable onEnd) {
        return session(sessionId).subscribe(new StreamSession.Subscriber() {
            @Override
            public void outputs(AdditionalOutputs outputs) {
                onOutputs.accept(outputs);
            }

            @Override
            public void closed(String code, String message) {
                onEnd.run();
            }
        });
    }

    /** Ids of the sessions running now. */
    public List<String> sessionIds() {
        return List.copyOf(sessions.keySet());
    }

    // ---- configuration

    public String name() {
        return name;
    }

    public Modality modality() {
        return modality;
    }

    public Mode mode() {
        return mode;
    }

    public List<Component> additionalInputs() {
        return additionalInputs;
    }

    public List<Component> additionalOutputs() {
        return additionalOutputs;
    }

    /** Slots of the stream's concurrency group; {@code null} = unlimited. */
    public Integer concurrencyLimit() {
        return concurrencyLimit;
    }

    /** Whether sessions over the concurrency limit wait in line (else they are refused). */
    public boolean queuesOverLimit() {
        return queueOverLimit;
    }

    /** The concurrency group; streams with the same id share its slots. Default: the stream's mount path. */
    public String concurrencyId() {
        return concurrencyId != null ? concurrencyId : "stream:" + path;
    }

    public Duration timeLimit() {
        return timeLimit;
    }

    public double streamEvery() {
        return streamEvery;
    }

    /**
     * How often a WebRTC session's camera frame goes to the handler: {@link Builder#streamEvery} when it was set (a
     * Gradio stream event always sets it), else {@link Duration#ZERO} - every frame, as FastRTC does.
     */
    public Duration webRtcFrameInterval() {
        return webRtcFrameInterval;
    }

    public Duration handlerTimeout() {
        return handlerTimeout;
    }

    public long maxPixels() {
        return maxPixels;
    }

    float jpegQuality() {
        return jpegQuality;
    }

    /** The generator of a {@link Mode#RECEIVE} stream, else {@code null}. */
    Generator generator() {
        return generator;
    }

    /** Frames per second a generator's video is sent at. */
    public double fps() {
        return fps;
    }

    /** The rate the audio handler receives, in Hz (48000 unless set). */
    public int sampleRate() {
        return sampleRate;
    }

    /** How far an audio handler may fall behind the microphone before its stream ends. */
    public Duration maxAudioBacklog() {
        return maxAudioBacklog;
    }

    /** How much of the handler's audio may wait to be played before its stream ends. */
    public Duration maxOutputBacklog() {
        return maxOutputBacklog;
    }

    /** The page that tries the stream: a Blocks app whose stream event is this stream. */
    public Blocks ui() {
        return ui;
    }

    /** Where the stream is mounted, or {@code null} before {@link RiffleServer#mount}. */
    public String path() {
        return path;
    }

    // ---- internals

    Map<String, StreamSession> sessions() {
        return sessions;
    }

    /** Whether sessions send camera and microphone to one {@link AudioVideoStreamHandler}. */
    boolean isAudioVideo() {
        return generator == null && modality == Modality.AUDIO_VIDEO;
    }

    VideoHandlerWithOutputs newHandler() {
        if (factory == null) {
            throw new IllegalStateException("Stream '" + name + "' carries audio");
        }
        VideoHandlerWithOutputs handler = factory.get();
        if (handler == null) {
            throw new IllegalStateException("The handler factory of stream '" + name + "' returned null");
        }
        return handler;
    }

    StreamHandler newAudioHandler() {
        StreamHandler handler = audioFactory == null ? null : audioFactory.get();
        if (handler == null) {
            throw new IllegalStateException("Stream '" + name + "' has no audio handler, or its factory returned null");
        }
        return handler;
    }

    synchronized void attach(Engine engine, String path) {
        if (this.engine != null) {
            throw new IllegalStateException("Stream '" + name + "' is already mounted at " + this.path);
        }
        this.engine = engine;
        this.path = path;
        engine.queue().defineGroup(concurrencyId(), concurrencyLimit);
    }

    Engine engine() {
        return engine;
    }

    void register(StreamSession session) {
        sessions.put(session.id(), session);
        if (session.clientId() != null) {
            byClientId.putIfAbsent(session.clientId(), session); // the first keeps its id; offers refuse a second
        }
    }

    void unregister(StreamSession session) {
        sessions.remove(session.id(), session);
        if (session.clientId() != null) {
            byClientId.remove(session.clientId(), session);
        }
    }

    /** Whether a session named {@code clientId} by its client runs now. */
    boolean hasSessionOfClient(String clientId) {
        StreamSession s = byClientId.get(clientId);
        return s != null && !s.isClosed();
    }

    /** A running session, by Riffle's session id or by the client's own id (FastRTC's webrtc_id). */
    StreamSession session(String sessionId) {
        StreamSession s = SessionIds.isWellFormed(sessionId) ? sessions.get(sessionId) : null;
        if (s == null && sessionId != null) {
            s = byClientId.get(sessionId);
        }
        if (s == null || s.isClosed()) {
            throw ApiError.unknownSession(String.valueOf(sessionId));
        }
        return s;
    }

    /** Starting values of the additional inputs. */
    Inputs initialInputs() {
        Object[] values = new Object[additionalInputs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = additionalInputs.get(i).initialValue();
        }
        return Inputs.of(values);
    }

    /**
     * Checks input values from a client: one per additional input, each a string, number, boolean or null.
     *
     * @throws ApiError {@code bad_request} (400) otherwise
     */
    /**
     * Input values posted by name, as FastRTC's demos do ({@code {"webrtc_id": id, "conf_threshold": 0.5}}): each
     * field other than {@code webrtc_id} names an additional input by its elem id or by its label in snake case
     * ("Confidence threshold" is {@code confidence_threshold}); inputs not named keep their {@code current} value.
     *
     * @throws ApiError {@code unknown_input} (422) naming the field and the inputs there are
     */
    Inputs namedInputs(com.fasterxml.jackson.databind.JsonNode body, Inputs current) {
        Object[] values = new Object[additionalInputs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < current.size() ? current.get(i) : additionalInputs.get(i).initialValue();
        }
        List<String> known = new ArrayList<>();
        for (Component c : additionalInputs) {
            known.add(inputName(c));
        }
        var fields = body.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().equals("webrtc_id")) {
                continue;
            }
            int index = -1;
            for (int i = 0; i < additionalInputs.size() && index < 0; i++) {
                Component c = additionalInputs.get(i);
                if (field.getKey().equals(c.elemId()) || field.getKey().equals(inputName(c))) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new ApiError(422, "unknown_input", "Stream '" + name + "' has no input named '"
                        + field.getKey() + "'; its inputs are " + known + " (or post {\"inputs\": [...]} by position)",
                        Map.of("input", field.getKey(), "inputs", known));
            }
            values[index] = StreamSocket.values(Wire.JSON.createArrayNode().add(field.getValue())).get(0);
        }
        return checkInputs(java.util.Arrays.asList(values));
    }

    /** An input's name on the wire: its elem id, else its label in snake case, else {@code input_<n>}. */
    private String inputName(Component c) {
        if (c.elemId() != null && !c.elemId().isBlank()) {
            return c.elemId();
        }
        if (c.label() != null && !c.label().isBlank()) {
            return c.label().trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                    .replaceAll("^_|_$", "");
        }
        return "input_" + additionalInputs.indexOf(c);
    }

    Inputs checkInputs(List<?> values) {
        if (values.size() != additionalInputs.size()) {
            throw ApiError.badRequest("Stream '" + name + "' has " + additionalInputs.size() + " additional input(s),"
                    + " got " + values.size() + " value(s)");
        }
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (additionalInputs.get(i) instanceof State) {
                continue;
            }
            if (!(v == null || v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw ApiError.badRequest("Input values must be strings, numbers, booleans or null, got "
                        + v.getClass().getSimpleName());
            }
            if (additionalInputs.get(i) instanceof State) {
                continue; // kept on the server (keepState): whatever the client sends there is not used
            }
            String problem = InputCheck.problem(additionalInputs.get(i), v);
            if (problem != null) {
                String input = inputName(additionalInputs.get(i));
                throw new ApiError(422, "invalid_input", "Input '" + input + "' (" + (i + 1) + " of "
                        + values.size() + "): " + problem, Map.of("input", input, "index", i));
            }
        }
        return Inputs.of(values.toArray());
    }


    /**
     * {@code incoming} (from a client or {@code set_input}) with each {@link State} input's value kept from
     * {@code current}, or a fresh starting value when the session starts ({@code current == null}): state lives on
     * the server and only the handler's outputs change it.
     */
    Inputs keepState(Inputs incoming, Inputs current) {
        Object[] values = null;
        for (int i = 0; i < additionalInputs.size(); i++) {
            if (additionalInputs.get(i) instanceof State state) {
                if (values == null) {
                    values = valuesOf(incoming);
                }
                values[i] = current == null ? state.initialValue() : current.get(i);
            }
        }
        return values == null ? incoming : Inputs.of(values);
    }

    /**
     * The inputs after the handler answered {@code outputs}: an output component that is also an input (a
     * {@link State}, a transcript box the handler appends to) gives that input its new value, as in Gradio.
     * Returns {@code current} itself when no output is an input.
     */
    Inputs feedBack(Inputs current, List<Object> outputs) {
        Object[] values = null;
        for (int i = 0; i < outputs.size() && i < additionalOutputs.size(); i++) {
            int input = indexOf(additionalInputs, additionalOutputs.get(i));
            if (input >= 0) {
                if (values == null) {
                    values = valuesOf(current);
                }
                values[input] = outputs.get(i);
            }
        }
        return values == null ? current : Inputs.of(values);
    }

    /** Output values as clients see them: a {@link State}'s value stays on the server ({@code null} in its place). */
    List<Object> visibleOutputs(List<Object> outputs) {
        List<Object> visible = new ArrayList<>(outputs);
        for (int i = 0; i < visible.size() && i < additionalOutputs.size(); i++) {
            if (additionalOutputs.get(i) instanceof State) {
                visible.set(i, null);
            }
        }
        return visible;
    }

    private Object[] valuesOf(Inputs inputs) {
        Object[] values = new Object[additionalInputs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = inputs.get(i);
        }
        return values;
    }

    private static int indexOf(List<Component> components, Component c) {
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** The stream event of {@link #ui()} that this stream serves. */
    StreamEvent uiEvent() {
        return uiEvent;
    }

    private StreamEvent defaultUi(Blocks app) {
        if (generator != null) {
            return generatorUi(app);
        }
        boolean both = isAudioVideo();
        Component source = both ? Image.webcamAndMicrophone().label("Stream").elemId("stream")
                : audioFactory != null ? Audio.microphone().label("Microphone").elemId("stream")
                : Image.webcam().label("Stream").elemId("stream");
        // camera and microphone: the answer's video shows in place of the camera, its audio in a player
        Audio answer = both ? Audio.output().streaming(true).label("Audio").elemId("stream-audio") : null;
        app.add(source);
        additionalInputs.forEach(app::add);
        if (answer != null) {
            app.add(answer);
        }
        additionalOutputs.forEach(app::add);
        List<Component> inputs = new ArrayList<>();
        inputs.add(source);
        inputs.addAll(additionalInputs);
        List<Component> outputs = new ArrayList<>();
        outputs.add(source);
        if (answer != null) {
            outputs.add(answer);
        }
        outputs.addAll(additionalOutputs);
        StreamEvent event = both
                ? ((Image) source).streamAudioVideo(name, () -> (AudioVideoStreamHandler) audioFactory.get())
                : source instanceof Audio mic ? mic.stream(name, audioFactory)
                : ((Image) source).stream(name, factory);
        return event
                .inputs(inputs.toArray(Component[]::new))
                .outputs(outputs.toArray(Component[]::new))
                .streamEvery(both ? event.streamEvery() : audioFactory != null ? 0.02 : streamEvery)
                .timeLimit(Wire.seconds(timeLimit))
                .concurrencyLimit(concurrencyLimit);
    }

    private StreamEvent generatorUi(Blocks app) {
        Button start = Button.create("Start").elemId("start");
        List<Component> outputs = new ArrayList<>();
        if (modality != Modality.AUDIO) {
            outputs.add(Image.output().label("Stream").elemId("stream"));
        }
        if (modality != Modality.VIDEO) {
            outputs.add(Audio.output().streaming(true).label(modality == Modality.AUDIO ? "Stream" : "Audio")
                    .elemId(modality == Modality.AUDIO ? "stream" : "stream-audio"));
        }
        outputs.forEach(app::add);
        additionalInputs.forEach(app::add);
        app.add(start);
        additionalOutputs.forEach(app::add);
        outputs.addAll(additionalOutputs);
        Component first = outputs.get(0);
        StreamEvent event = first instanceof Image image ? image.stream(name, generator)
                : ((Audio) first).stream(name, generator);
        return event.trigger(start)
                .inputs(additionalInputs.toArray(Component[]::new))
                .outputs(outputs.toArray(Component[]::new))
                .streamEvery(1 / fps)
                .timeLimit(Wire.seconds(timeLimit))
                .concurrencyLimit(concurrencyLimit);
    }

    /** Configures a {@link Stream}. Defaults: video, send-receive, no limits but Gradio's concurrency limit of 1. */
    public static final class Builder {
        private final String name;
        private final Supplier<? extends VideoHandlerWithOutputs> factory;
        private final Supplier<? extends StreamHandler> audioFactory;
        private Generator generator;
        private double fps = 30;
        private final Modality modality;
        private Mode mode = Mode.SEND_RECEIVE;
        private final List<Component> additionalInputs = new ArrayList<>();
        private final List<Component> additionalOutputs = new ArrayList<>();
        private Integer concurrencyLimit = 1;
        private boolean queueOverLimit = true;
        private String concurrencyId;
        private Duration timeLimit;
        private double streamEvery = 0.1;
        private boolean streamEverySet;
        private String title;
        /** the options set by hand, checked against the stream's kind at build() */
        private final java.util.Set<String> set = new java.util.HashSet<>();
        private Duration handlerTimeout = Duration.ofSeconds(30);
        private long maxPixels = 1920L * 1080;
        private float jpegQuality = 0.8f;
        private int sampleRate = 48_000;
        private Duration maxAudioBacklog = Duration.ofSeconds(2);
        private Duration maxOutputBacklog = Duration.ofSeconds(60);
        private Blocks ui;
        private StreamEvent uiEvent;

        private Builder(String name, Supplier<? extends VideoHandlerWithOutputs> factory,
                Supplier<? extends StreamHandler> audioFactory) {
            this(name, factory, audioFactory, audioFactory != null ? Modality.AUDIO : Modality.VIDEO);
        }

        private Builder(String name, Supplier<? extends VideoHandlerWithOutputs> factory,
                Supplier<? extends StreamHandler> audioFactory, Modality modality) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A stream needs a name");
            }
            this.name = name;
            this.factory = factory;
            this.audioFactory = audioFactory;
            this.modality = modality;
        }

        /** The title of the stream's own page (its browser tab and heading). Default: the stream's name. */
        public Builder title(String title) {
            this.title = title == null || title.isBlank() ? null : title;
            return this;
        }

        /** The stream's name, as pages and errors name it. */
        public String name() {
            return name;
        }

        /** What the stream carries. */
        public Modality modality() {
            return modality;
        }

        /** Which way its media flows. */
        public Mode mode() {
            return mode;
        }

        /**
         * {@link Mode#SEND_RECEIVE} (the default) or {@link Mode#SEND}: the client's media goes to the handler and
         * nothing comes back but additional outputs (a transcriber). {@link Mode#RECEIVE} streams are made with
         * {@link Stream#receive}.
         *
         * @throws IllegalArgumentException for RECEIVE here, or SEND / SEND_RECEIVE on a generator's stream
         */
        public Builder mode(Mode mode) {
            Objects.requireNonNull(mode, "mode");
            if (generator != null && mode != Mode.RECEIVE) {
                throw new IllegalArgumentException("A generator's stream only sends to the client (RECEIVE)");
            }
            if (generator == null && mode == Mode.RECEIVE) {
                throw new IllegalArgumentException("A RECEIVE stream needs a generator: use Stream.receive(name,"
                        + " modality, generator)");
            }
            this.mode = mode;
            return this;
        }

        /**
         * Frames per second a generator's video goes out at (it is pulled no faster). Default 30.
         *
         * @throws IllegalArgumentException unless {@code 0 < fps <= 120}
         */
        public Builder fps(double fps) {
            if (!(fps > 0 && fps <= 120)) {
                throw new IllegalArgumentException("fps must be in (0, 120], got " + fps);
            }
            this.fps = fps;
            set.add("fps");
            return this;
        }

        /** Components whose values the handler receives after the frame (FastRTC's {@code additional_inputs}). */
        public Builder additionalInputs(Component... components) {
            additionalInputs.clear();
            additionalInputs.addAll(List.of(components));
            return this;
        }

        /** Components that show the handler's {@link AdditionalOutputs}, in order. */
        public Builder additionalOutputs(Component... components) {
            additionalOutputs.clear();
            additionalOutputs.addAll(List.of(components));
            return this;
        }

        /**
         * Streams served at once; further ones wait in line. {@code null} = unlimited. Default 1.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder concurrencyLimit(Integer limit) {
            if (limit != null && limit < 1) {
                throw new IllegalArgumentException("concurrencyLimit must be at least 1 or null, got " + limit);
            }
            this.concurrencyLimit = limit;
            return this;
        }

        /**
         * What happens to a session over the concurrency limit: {@code true} (the default) - it waits in line with
         * its position and ETA shown, and starts when a slot frees; {@code false} - it is refused at once with
         * {@code concurrency_limit_reached} (503, with the limit), as FastRTC refuses.
         */
        public Builder queueOverLimit(boolean queue) {
            this.queueOverLimit = queue;
            return this;
        }

        /** Streams with the same id share one concurrency limit. */
        public Builder concurrencyId(String id) {
            this.concurrencyId = id;
            return this;
        }

        /** How long a session may hold a slot before it rejoins the back of the line; {@code null} = no limit. */
        public Builder timeLimit(Duration limit) {
            if (limit != null && (limit.isNegative() || limit.isZero())) {
                throw new IllegalArgumentException("timeLimit must be positive or null, got " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /**
         * Gradio's {@code stream_every}: the handler gets at most one frame (the latest) per this many seconds. The
         * WebSocket client captures at this interval; over WebRTC the camera's track runs at its own rate and the
         * server hands the handler the first frame of each interval (the output shows the last result in between).
         * Default: 0.1 s on the WebSocket and every frame over WebRTC, as FastRTC does, unless set here.
         */
        public Builder streamEvery(double seconds) {
            if (!(seconds > 0 && seconds <= 60)) {
                throw new IllegalArgumentException("streamEvery must be in (0, 60] seconds, got " + seconds);
            }
            this.streamEvery = seconds;
            this.streamEverySet = true;
            return this;
        }

        /** A handler call running longer ends its session (its thread cannot be reclaimed). Default 30 s. */
        public Builder handlerTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handlerTimeout must be positive, got " + timeout);
            }
            this.handlerTimeout = timeout;
            return this;
        }

        /** The largest frame accepted, in pixels (it bounds the WebSocket message size). Default 1920x1080. */
        public Builder maxPixels(long pixels) {
            if (pixels < 1) {
                throw new IllegalArgumentException("maxPixels must be positive, got " + pixels);
            }
            this.maxPixels = pixels;
            set.add("maxPixels");
            return this;
        }

        /** Quality of the JPEG frames sent back, 0..1. Default 0.8. */
        public Builder jpegQuality(double quality) {
            if (!(quality > 0 && quality <= 1)) {
                throw new IllegalArgumentException("jpegQuality must be in (0, 1], got " + quality);
            }
            this.jpegQuality = (float) quality;
            set.add("jpegQuality");
            return this;
        }

        /**
         * The sample rate the audio handler receives, in Hz; chunks at other rates are resampled. Default 48000
         * (WebRTC's Opus rate); speech recognisers often want 16000.
         */
        public Builder sampleRate(int hz) {
            if (hz < 8000 || hz > 96_000) {
                throw new IllegalArgumentException("sampleRate must be 8000..96000 Hz, got " + hz);
            }
            this.sampleRate = hz;
            set.add("sampleRate");
            return this;
        }

        /**
         * How far an audio handler may fall behind the microphone, in audio time; beyond it the stream ends with a
         * clear error instead of growing memory or skipping speech. Default 2 s.
         */
        public Builder maxAudioBacklog(Duration backlog) {
            if (backlog.isNegative() || backlog.isZero()) {
                throw new IllegalArgumentException("maxAudioBacklog must be positive, got " + backlog);
            }
            this.maxAudioBacklog = backlog;
            set.add("maxAudioBacklog");
            return this;
        }

        /**
         * How much of the handler's own audio may wait to be played (audio goes out in real time): a handler that
         * emits faster than real time for longer - an echo fed ten times faster than real time - ends its stream
         * with {@code output_backlog} instead of queueing without bound. Default 60 s (a long reply fits).
         */
        public Builder maxOutputBacklog(Duration backlog) {
            if (backlog.isNegative() || backlog.isZero()) {
                throw new IllegalArgumentException("maxOutputBacklog must be positive, got " + backlog);
            }
            this.maxOutputBacklog = backlog;
            set.add("maxOutputBacklog");
            return this;
        }

        /**
         * The stream, its options checked together: a setting that the stream's kind would silently ignore is
         * refused here rather than at the first session.
         *
         * @throws IllegalArgumentException naming the setting and what the stream is, for {@code fps} on a stream
         *     that is not a video generator, {@code sampleRate} or {@code maxAudioBacklog} on a stream without
         *     microphone audio, {@code maxPixels} or {@code jpegQuality} on an audio-only stream, and a name with
         *     characters other than letters, digits, {@code - _ . :} (it is part of URLs, keys and logs)
         */
        public Stream build() {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Stream name '" + name + "' may only hold letters, digits, '-',"
                        + " '_', '.' and ':' (it appears in URLs, keys and logs): e.g. '"
                        + name.trim().replaceAll("[^A-Za-z0-9_.:-]+", "-") + "'");
            }
            String kind = generator != null ? modality.name().toLowerCase() + " generator (mode receive)"
                    : modality.name().toLowerCase() + " stream";
            if (set.contains("fps") && !(generator != null && modality != Modality.AUDIO)) {
                throw new IllegalArgumentException("fps(...) sets a video generator's frame rate; '" + name
                        + "' is a " + kind + (generator == null ? ": the camera sets the rate (use streamEvery to"
                        + " take fewer frames)" : ""));
            }
            boolean microphone = generator == null && modality != Modality.VIDEO;
            for (String audioOnly : List.of("sampleRate", "maxAudioBacklog")) {
                if (set.contains(audioOnly) && !microphone) {
                    throw new IllegalArgumentException(audioOnly + "(...) applies to the microphone's audio; '"
                            + name + "' is a " + kind);
                }
            }
            boolean frames = modality != Modality.AUDIO;
            for (String videoOnly : List.of("maxPixels", "jpegQuality")) {
                if (set.contains(videoOnly) && !frames) {
                    throw new IllegalArgumentException(videoOnly + "(...) applies to video frames; '" + name
                            + "' is a " + kind);
                }
            }
            return new Stream(this);
        }
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]+");
}
