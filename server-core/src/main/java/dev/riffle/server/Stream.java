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
import dev.riffle.server.engine.SessionIds;
import dev.riffle.server.engine.StreamRuntime;
import dev.riffle.server.engine.StreamSession;
import dev.riffle.stream.ErrorCode;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import dev.riffle.stream.StreamOptions;
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
 * the queue's limits. {@code RiffleServer.mount} it on a server to get its routes: the WebSocket transport, the
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
    private final StreamRuntime runtime;

    private Stream(Builder b) {
        this.runtime = new StreamRuntime(b.name, b.options, b.factory, b.audioFactory, b.generator,
                b.additionalInputs, b.additionalOutputs);
        if (b.ui != null) {
            runtime.ui(b.ui, b.uiEvent);
        } else {
            Blocks app = new Blocks(b.title != null ? b.title : b.name);
            runtime.ui(app, defaultUi(app));
        }
    }

    /** What the engine runs; internal. */
    StreamRuntime runtime() {
        return runtime;
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
            b = Modality.fromWire(event.modality()) == Modality.AUDIO_VIDEO ? audioVideo(event.handlerId(), event::newAudioVideoHandler)
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
     * @throws dev.riffle.stream.ApiError {@code unknown_session} (404) if no such session runs; {@code bad_request} (400) if the
     *     number of values is not the number of additional inputs
     */
    public void setInput(String sessionId, Object... values) {
        runtime.session(sessionId).setInputs(runtime.checkInputs(List.of(values)));
    }

    /**
     * Subscribes to a session's additional outputs, FastRTC's {@code stream.output_stream(webrtc_id)}. Calls come
     * on the handler's thread; {@code onEnd} runs once when the session ends.
     *
     * @return cancels the subscription
     * @throws dev.riffle.stream.ApiError {@code unknown_session} (404) if no such session runs
     */
    public Runnable outputStream(String sessionId, Consumer<AdditionalOutputs> onOutputs, Runnable onEnd) {
        return runtime.session(sessionId).subscribe(new StreamSession.Subscriber() {
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
        return List.copyOf(runtime.sessions().keySet());
    }

    // ---- configuration

    public String name() {
        return runtime.name();
    }

    public Modality modality() {
        return runtime.options().modality();
    }

    public Mode mode() {
        return runtime.options().mode();
    }

    public List<Component> additionalInputs() {
        return runtime.additionalInputs();
    }

    public List<Component> additionalOutputs() {
        return runtime.additionalOutputs();
    }

    /** Slots of the stream's concurrency group; {@code null} = unlimited. */
    public Integer concurrencyLimit() {
        return runtime.options().concurrencyLimit();
    }

    /** Whether sessions over the concurrency limit wait in line (else they are refused). */
    public boolean queuesOverLimit() {
        return runtime.options().queueOverLimit();
    }

    /** The concurrency group; streams with the same id share its slots. Default: the stream's mount path. */
    public String concurrencyId() {
        return runtime.concurrencyId();
    }

    public Duration timeLimit() {
        return runtime.options().timeLimit();
    }

    /** How often the client captures a frame or sends a chunk ({@link StreamOptions#captureEvery()}). */
    public double streamEvery() {
        return runtime.options().captureEvery();
    }

    /** The stream's options (a copy). */
    public StreamOptions options() {
        return runtime.options().copy();
    }

    /**
     * How often a WebRTC session's camera frame goes to the handler: {@link Builder#streamEvery} when it was set (a
     * Gradio stream event always sets it), else {@link Duration#ZERO} - every frame, as FastRTC does.
     */
    public Duration webRtcFrameInterval() {
        return runtime.webRtcFrameInterval();
    }

    public Duration handlerTimeout() {
        return runtime.options().handlerTimeout();
    }

    public long maxPixels() {
        return runtime.options().maxPixels();
    }

    /** Frames per second a generator's video is sent at. */
    public double fps() {
        return runtime.options().fps();
    }

    /** The rate the audio handler receives, in Hz (48000 unless set). */
    public int sampleRate() {
        return runtime.options().sampleRate();
    }

    /** How far an audio handler may fall behind the microphone before its stream ends. */
    public Duration maxAudioBacklog() {
        return runtime.options().maxAudioBacklog();
    }

    /** How much of the handler's audio may wait to be played before its stream ends. */
    public Duration maxOutputBacklog() {
        return runtime.options().maxOutputBacklog();
    }

    /** The page that tries the stream: a Blocks app whose stream event is this stream. */
    public Blocks ui() {
        return runtime.ui();
    }

    /** Where the stream is mounted, or {@code null} before {@code RiffleServer.mount}. */
    public String path() {
        return runtime.path();
    }

    /** The stream event of {@link #ui()} that this stream serves. */
    StreamEvent uiEvent() {
        return runtime.uiEvent();
    }

    private StreamEvent defaultUi(Blocks app) {
        if (runtime.generator() != null) {
            return generatorUi(app);
        }
        boolean both = runtime.isAudioVideo();
        Component source = both ? Image.webcamAndMicrophone().label("Stream").elemId("stream")
                : runtime.audioFactory() != null ? Audio.microphone().label("Microphone").elemId("stream")
                : Image.webcam().label("Stream").elemId("stream");
        // camera and microphone: the answer's video shows in place of the camera, its audio in a player
        Audio answer = both ? Audio.output().streaming(true).label("Audio").elemId("stream-audio") : null;
        app.add(source);
        runtime.additionalInputs().forEach(app::add);
        if (answer != null) {
            app.add(answer);
        }
        runtime.additionalOutputs().forEach(app::add);
        List<Component> inputs = new ArrayList<>();
        inputs.add(source);
        inputs.addAll(runtime.additionalInputs());
        List<Component> outputs = new ArrayList<>();
        outputs.add(source);
        if (answer != null) {
            outputs.add(answer);
        }
        outputs.addAll(runtime.additionalOutputs());
        StreamEvent event = both
                ? ((Image) source).streamAudioVideo(runtime.name(), () -> (AudioVideoStreamHandler) runtime.audioFactory().get())
                : source instanceof Audio mic ? mic.stream(runtime.name(), runtime.audioFactory())
                : ((Image) source).stream(runtime.name(), runtime.factory());
        return event
                .inputs(inputs.toArray(Component[]::new))
                .outputs(outputs.toArray(Component[]::new))
                .adopt(runtime.options());
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
        runtime.additionalInputs().forEach(app::add);
        app.add(start);
        runtime.additionalOutputs().forEach(app::add);
        outputs.addAll(runtime.additionalOutputs());
        Component first = outputs.get(0);
        StreamEvent event = first instanceof Image image ? image.stream(runtime.name(), runtime.generator())
                : ((Audio) first).stream(runtime.name(), runtime.generator());
        return event.trigger(start)
                .inputs(runtime.additionalInputs().toArray(Component[]::new))
                .outputs(outputs.toArray(Component[]::new))
                .adopt(runtime.options());
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
