package dev.riffle.server;

import dev.riffle.stream.Mode;
import dev.riffle.stream.StreamOptions;
import dev.riffle.stream.Modality;
import dev.riffle.stream.ErrorCode;
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
    private final Supplier<? extends VideoHandlerWithOutputs> factory;
    private final Supplier<? extends StreamHandler> audioFactory;
    private final Generator generator;
    private final List<Component> additionalInputs;
    private final List<Component> additionalOutputs;
    private final StreamOptions options;
    private final Blocks ui;
    private final StreamEvent uiEvent;
    private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, StreamSession> byClientId = new ConcurrentHashMap<>();
    private volatile Engine engine;
    private volatile String path;

    private Stream(Builder b) {
        this.name = b.name;
        this.options = b.options.copy();
        this.factory = b.factory;
        this.audioFactory = b.audioFactory;
        this.generator = b.generator;
        this.additionalInputs = List.copyOf(b.additionalInputs);
        this.additionalOutputs = List.copyOf(b.additionalOutputs);
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
        b.options.mode(Mode.RECEIVE);
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
            if (b.options.modality() != Modality.AUDIO) {
                b.options.fps(1 / event.streamEvery());
            }
        } else {
            b = event.modality().equals("audio_video") ? audioVideo(event.handlerId(), event::newAudioVideoHandler)
                    : event.isAudio() ? new Builder(event.handlerId(), null, event::newAudioHandler)
                    : new Builder(event.handlerId(), event::newServerHandler, null);
            if (event.mode().equals("send")) {
                b.options.mode(Mode.SEND);
            }
        }
        b.options.adopt(event.options());
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
        return options.modality();
    }

    public Mode mode() {
        return options.mode();
    }

    public List<Component> additionalInputs() {
        return additionalInputs;
    }

    public List<Component> additionalOutputs() {
        return additionalOutputs;
    }

    /** Slots of the stream's concurrency group; {@code null} = unlimited. */
    public Integer concurrencyLimit() {
        return options.concurrencyLimit();
    }

    /** Whether sessions over the concurrency limit wait in line (else they are refused). */
    public boolean queuesOverLimit() {
        return options.queueOverLimit();
    }

    /** The concurrency group; streams with the same id share its slots. Default: the stream's mount path. */
    public String concurrencyId() {
        return options.concurrencyId() != null ? options.concurrencyId() : "stream:" + path;
    }

    public Duration timeLimit() {
        return options.timeLimit();
    }

    /** How often the client captures a frame or sends a chunk ({@link StreamOptions#captureEvery()}). */
    public double streamEvery() {
        return options.captureEvery();
    }

    /** The stream's options (a copy). */
    public StreamOptions options() {
        return options.copy();
    }

    /**
     * How often a WebRTC session's camera frame goes to the handler: {@link Builder#streamEvery} when it was set (a
     * Gradio stream event always sets it), else {@link Duration#ZERO} - every frame, as FastRTC does.
     */
    public Duration webRtcFrameInterval() {
        return generator != null ? Duration.ZERO : options.webRtcFrameInterval();
    }

    public Duration handlerTimeout() {
        return options.handlerTimeout();
    }

    public long maxPixels() {
        return options.maxPixels();
    }

    float jpegQuality() {
        return options.jpegQuality();
    }

    /** The generator of a {@link Mode#RECEIVE} stream, else {@code null}. */
    Generator generator() {
        return generator;
    }

    /** Frames per second a generator's video is sent at. */
    public double fps() {
        return options.fps();
    }

    /** The rate the audio handler receives, in Hz (48000 unless set). */
    public int sampleRate() {
        return options.sampleRate();
    }

    /** How far an audio handler may fall behind the microphone before its stream ends. */
    public Duration maxAudioBacklog() {
        return options.maxAudioBacklog();
    }

    /** How much of the handler's audio may wait to be played before its stream ends. */
    public Duration maxOutputBacklog() {
        return options.maxOutputBacklog();
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
        return generator == null && modality() == Modality.AUDIO_VIDEO;
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
        engine.queue().defineGroup(concurrencyId(), concurrencyLimit());
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
                throw new ApiError(ErrorCode.UNKNOWN_INPUT, "Stream '" + name + "' has no input named '"
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
                throw new ApiError(ErrorCode.INVALID_INPUT, "Input '" + input + "' (" + (i + 1) + " of "
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
                .adopt(options);
    }

    private StreamEvent generatorUi(Blocks app) {
        Button start = Button.create("Start").elemId("start");
        List<Component> outputs = new ArrayList<>();
        if (modality() != Modality.AUDIO) {
            outputs.add(Image.output().label("Stream").elemId("stream"));
        }
        if (modality() != Modality.VIDEO) {
            outputs.add(Audio.output().streaming(true).label(modality() == Modality.AUDIO ? "Stream" : "Audio")
                    .elemId(modality() == Modality.AUDIO ? "stream" : "stream-audio"));
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
                .adopt(options);
    }

    /**
     * Configures a {@link Stream}. Its options are a {@link StreamOptions} (the defaults are there: video,
     * send-receive, Gradio's concurrency limit of 1, no time limit, every frame); the setters here are its.
     */
    public static final class Builder {
        private final String name;
        private final Supplier<? extends VideoHandlerWithOutputs> factory;
        private final Supplier<? extends StreamHandler> audioFactory;
        private Generator generator;
        private final StreamOptions options;
        private final List<Component> additionalInputs = new ArrayList<>();
        private final List<Component> additionalOutputs = new ArrayList<>();
        private String title;
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
            this.options = new StreamOptions(modality, Mode.SEND_RECEIVE);
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
            return options.modality();
        }

        /** Which way its media flows. */
        public Mode mode() {
            return options.mode();
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
            options.mode(mode);
            return this;
        }

        /** See {@link StreamOptions#fps}. */
        public Builder fps(double fps) {
            options.fps(fps);
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

        /** See {@link StreamOptions#concurrencyLimit(Integer)}. */
        public Builder concurrencyLimit(Integer limit) {
            options.concurrencyLimit(limit);
            return this;
        }

        /** See {@link StreamOptions#queueOverLimit(boolean)}. */
        public Builder queueOverLimit(boolean queue) {
            options.queueOverLimit(queue);
            return this;
        }

        /** See {@link StreamOptions#concurrencyId(String)}. */
        public Builder concurrencyId(String id) {
            options.concurrencyId(id);
            return this;
        }

        /** See {@link StreamOptions#timeLimit(Duration)}. */
        public Builder timeLimit(Duration limit) {
            options.timeLimit(limit);
            return this;
        }

        /** See {@link StreamOptions#streamEvery(double)}: not set, every WebRTC frame, as FastRTC does. */
        public Builder streamEvery(double seconds) {
            options.streamEvery(seconds);
            return this;
        }

        /** See {@link StreamOptions#handlerTimeout(Duration)}. */
        public Builder handlerTimeout(Duration timeout) {
            options.handlerTimeout(timeout);
            return this;
        }

        /** See {@link StreamOptions#maxPixels(long)}. */
        public Builder maxPixels(long pixels) {
            options.maxPixels(pixels);
            return this;
        }

        /** See {@link StreamOptions#jpegQuality(double)}. */
        public Builder jpegQuality(double quality) {
            options.jpegQuality(quality);
            return this;
        }

        /** See {@link StreamOptions#sampleRate(int)}. */
        public Builder sampleRate(int hz) {
            options.sampleRate(hz);
            return this;
        }

        /** See {@link StreamOptions#maxAudioBacklog(Duration)}. */
        public Builder maxAudioBacklog(Duration backlog) {
            options.maxAudioBacklog(backlog);
            return this;
        }

        /** See {@link StreamOptions#maxOutputBacklog(Duration)}. */
        public Builder maxOutputBacklog(Duration backlog) {
            options.maxOutputBacklog(backlog);
            return this;
        }

        /**
         * Takes the options every declaration of a stream shares - {@code streamEvery} when set, the time limit, the
         * concurrency limit and group - from {@code shared} (a Blocks event's, a Vaadin wiring's).
         */
        public Builder options(StreamOptions shared) {
            options.adopt(shared);
            return this;
        }

        /**
         * The stream, its options checked together ({@link StreamOptions#check}): a setting that the stream's kind
         * would silently ignore is refused here rather than at the first session.
         *
         * @throws IllegalArgumentException naming the setting and what the stream is
         */
        public Stream build() {
            options.check(name, generator != null);
            return new Stream(this);
        }
    }
}
