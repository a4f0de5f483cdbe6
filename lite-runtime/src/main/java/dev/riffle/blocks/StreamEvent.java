package dev.riffle.blocks;

import dev.riffle.handler.AudioFunction;
import dev.riffle.handler.AudioFunctionHandler;
import dev.riffle.handler.AudioVideoStreamHandler;
import dev.riffle.handler.Generator;
import dev.riffle.handler.LiteHandler;
import dev.riffle.handler.StreamHandler;
import dev.riffle.handler.VideoHandlerWithOutputs;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import dev.riffle.stream.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A stream event, Gradio's {@code component.stream(fn, inputs, outputs, time_limit, stream_every,
 * concurrency_limit)}: while the user streams, a frame goes to the handler every {@link #streamEvery} seconds
 * together with the current values of the other {@link #inputs}, and the result goes to the {@link #outputs}.
 *
 * <pre>{@code
 * input.stream(Filters.TRANSFORM)
 *      .inputs(input, transform)
 *      .outputs(output)
 *      .timeLimit(30).streamEvery(0.1).concurrencyLimit(30);
 * }</pre>
 *
 * Lite streams run in each visitor's browser, so {@code timeLimit} and {@code concurrencyLimit} (limits on the
 * server's queue) have no effect there; they apply when the handler runs on the server. A stream made with a
 * {@link VideoHandlerWithOutputs} (whose answers feed non-media outputs) runs only on the server, and so does a
 * microphone's stream ({@link Audio#stream}), whose {@link StreamHandler} receives every audio chunk.
 */
public final class StreamEvent {
    private Component trigger;
    private final LiteHandler handler;
    private final String handlerId;
    private final Supplier<? extends VideoHandlerWithOutputs> serverHandler;
    private final Supplier<? extends StreamHandler> audioHandler;
    private final Generator generator;
    private final List<Component> inputs = new ArrayList<>();
    private final List<Component> outputs = new ArrayList<>();
    /** the limits and rate; its modality and mode are the event's as {@link #options()} resolves them */
    private final StreamOptions options = new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE)
            .streamEvery(StreamOptions.GRADIO_STREAM_EVERY);
    private Placement placement = Placement.AUTO;
    /** camera and microphone into one {@link AudioVideoStreamHandler} (audioHandler makes it) */
    private boolean audioVideo;

    StreamEvent(Image trigger, LiteHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("A stream needs a handler");
        }
        this.trigger = trigger;
        this.handler = handler;
        this.handlerId = handler.id();
        this.serverHandler = () -> VideoHandlerWithOutputs.of(handler.create());
        this.audioHandler = null;
        this.generator = null;
        this.inputs.add(trigger);
    }

    StreamEvent(Image trigger, String handlerId, Supplier<? extends VideoHandlerWithOutputs> serverHandler) {
        this(trigger, handlerId, serverHandler, null);
    }

    private StreamEvent(Component trigger, String handlerId, Supplier<? extends VideoHandlerWithOutputs> video,
            Supplier<? extends StreamHandler> audio) {
        if ((video == null && audio == null) || handlerId == null || handlerId.isBlank()) {
            throw new IllegalArgumentException("A stream needs a handler and its name");
        }
        this.trigger = trigger;
        this.handler = null;
        this.handlerId = handlerId;
        this.serverHandler = video;
        this.audioHandler = audio;
        this.generator = null;
        this.placement = Placement.SERVER;
        this.inputs.add(trigger);
    }

    /** A server-to-client stream into {@code output}; its trigger is set with {@link #trigger(Button)}. */
    private StreamEvent(Component output, String handlerId, Generator generator) {
        if (generator == null || handlerId == null || handlerId.isBlank()) {
            throw new IllegalArgumentException("A stream needs a generator and its name");
        }
        this.handler = null;
        this.handlerId = handlerId;
        this.serverHandler = null;
        this.audioHandler = null;
        this.generator = generator;
        this.placement = Placement.SERVER;
        this.outputs.add(output);
        this.options.streamEvery(1 / StreamOptions.DEFAULT_FPS);
    }

    static StreamEvent generator(Component output, String handlerId, Generator generator) {
        return new StreamEvent(output, handlerId, generator);
    }

    /**
     * The button that starts this server-to-client stream (FastRTC's {@code trigger=button.click}); pressed again,
     * it stops the stream.
     *
     * @throws IllegalStateException if this is not a generator's stream (a webcam or microphone starts those)
     */
    public StreamEvent trigger(Button button) {
        if (generator == null) {
            throw new IllegalStateException("Only a generator's stream takes a trigger; this one starts with its "
                    + trigger.type());
        }
        this.trigger = java.util.Objects.requireNonNull(button, "button");
        return this;
    }

    static StreamEvent audio(Audio trigger, String handlerId, Supplier<? extends StreamHandler> handler) {
        if (handler == null) {
            throw new IllegalArgumentException("A stream needs a handler");
        }
        StreamEvent event = new StreamEvent(trigger, handlerId, null, handler);
        event.options.streamEvery(StreamOptions.AUDIO_CHUNK); // FastRTC's 20 ms audio frame
        return event;
    }

    static StreamEvent audioVideo(Image trigger, String handlerId,
            Supplier<? extends AudioVideoStreamHandler> handler) {
        if (handler == null) {
            throw new IllegalArgumentException("A stream needs a handler");
        }
        StreamEvent event = new StreamEvent(trigger, handlerId, null, handler);
        event.audioVideo = true;
        event.options.streamEvery(1 / StreamOptions.DEFAULT_FPS); // the camera's rate; audio in 20 ms frames
        return event;
    }

    static StreamEvent audioFunction(Audio trigger, String handlerId, AudioFunction function) {
        StreamEvent[] self = new StreamEvent[1];
        // each session's handler cuts the audio at the event's stream_every as it is when the session starts
        self[0] = new StreamEvent(trigger, handlerId, null,
                () -> new AudioFunctionHandler(function, self[0].streamEvery()));
        return self[0];
    }

    /** The components whose values the handler receives, in order; the first is usually the webcam itself. */
    public StreamEvent inputs(Component... components) {
        inputs.clear();
        inputs.addAll(nonNull(components, "input"));
        return this;
    }

    /** The components that show the handler's result; the webcam itself makes a unified in/out image. */
    public StreamEvent outputs(Component... components) {
        outputs.clear();
        outputs.addAll(nonNull(components, "output"));
        return this;
    }

    /**
     * Seconds between captured frames, or the length of each audio chunk. Default 0.5 (Gradio's default) for video,
     * 0.02 for audio; the seed's demos use 0.1.
     *
     * @throws IllegalArgumentException unless {@code 0 < seconds <= 60}
     */
    public StreamEvent streamEvery(double seconds) {
        options.streamEvery(seconds);
        return this;
    }

    /**
     * Seconds a stream may hold a server slot before it goes back to the end of the queue; {@code null} = no limit
     * (the default).
     *
     * @throws IllegalArgumentException if not positive
     */
    public StreamEvent timeLimit(Double seconds) {
        if (seconds != null && !(seconds > 0)) {
            throw new IllegalArgumentException("timeLimit must be positive seconds or null, got " + seconds);
        }
        options.timeLimit(seconds == null ? null : java.time.Duration.ofMillis(Math.round(seconds * 1000)));
        return this;
    }

    /** Shorthand for {@link #timeLimit(Double)}. */
    public StreamEvent timeLimit(double seconds) {
        return timeLimit(Double.valueOf(seconds));
    }

    /**
     * How many streams of this event (or its {@link #concurrencyId group}) run at once on the server; {@code null}
     * = unlimited. Default 1, as in Gradio.
     *
     * @throws IllegalArgumentException if below 1
     */
    public StreamEvent concurrencyLimit(Integer limit) {
        options.concurrencyLimit(limit);
        return this;
    }

    /** Events with the same id share one concurrency limit. Default: the event's own group. */
    public StreamEvent concurrencyId(String id) {
        options.concurrencyId(id);
        return this;
    }

    /**
     * Where the handler runs. Default {@link Placement#AUTO}; always {@link Placement#SERVER} for a server-only
     * handler.
     *
     * @throws IllegalArgumentException if the handler is server-only and {@code placement} is not SERVER
     */
    public StreamEvent placement(Placement placement) {
        if (placement == null) {
            throw new IllegalArgumentException("placement must not be null");
        }
        if (handler == null && placement != Placement.SERVER) {
            throw new IllegalArgumentException("Handler '" + handlerId + "' runs only on the server (it has no Lite"
                    + " build); its placement stays SERVER");
        }
        this.placement = placement;
        return this;
    }

    /** The component that starts the stream: a webcam {@link Image} or a microphone {@link Audio}. */
    public Component trigger() {
        return trigger;
    }

    /** Whether the stream carries microphone audio to a {@link StreamHandler} (else webcam frames, or a generator). */
    public boolean isAudio() {
        return audioHandler != null && !audioVideo;
    }

    /** The generator of a server-to-client stream, or {@code null}. */
    public Generator generator() {
        return generator;
    }

    /**
     * What the stream carries, FastRTC's modality: {@code "video"}, {@code "audio"} or {@code "audio_video"} (a
     * camera-and-microphone stream, or a generator into an image and an audio output).
     */
    public String modality() {
        if (generator == null) {
            return (audioVideo ? Modality.AUDIO_VIDEO : audioHandler != null ? Modality.AUDIO : Modality.VIDEO).wire();
        }
        boolean video = outputs.stream().anyMatch(c -> c instanceof Image);
        boolean audio = outputs.stream().anyMatch(c -> c instanceof Audio);
        return (video && audio ? Modality.AUDIO_VIDEO : audio ? Modality.AUDIO : Modality.VIDEO).wire();
    }

    /**
     * Which way media flows, FastRTC's mode: {@code "receive"} for a generator, {@code "send"} for a microphone
     * that hears no answer (a transcriber), else {@code "send_receive"}.
     */
    public String mode() {
        if (generator != null) {
            return Mode.RECEIVE.wire();
        }
        boolean answered = outputs.stream().anyMatch(c -> c == trigger || c instanceof Image || c instanceof Audio);
        return (answered ? Mode.SEND_RECEIVE : Mode.SEND).wire();
    }

    /** The handler's Lite form, or {@code null} for a server-only handler. */
    public LiteHandler handler() {
        return handler;
    }

    /** The handler's name: its Lite id, or the name a server-only stream was given. */
    public String handlerId() {
        return handlerId;
    }

    /**
     * A fresh instance of the video handler for the server, one per stream session.
     *
     * @throws IllegalStateException for an audio stream
     */
    public VideoHandlerWithOutputs newServerHandler() {
        if (serverHandler == null) {
            throw new IllegalStateException("Stream '" + handlerId + "' is an audio stream; use newAudioHandler()");
        }
        return serverHandler.get();
    }

    /**
     * A fresh instance of the audio handler, one per stream session.
     *
     * @throws IllegalStateException for a video stream
     */
    public StreamHandler newAudioHandler() {
        if (audioHandler == null) {
            throw new IllegalStateException("Stream '" + handlerId + "' is a video stream; use newServerHandler()");
        }
        return audioHandler.get();
    }

    /**
     * A fresh camera-and-microphone handler, one per stream session.
     *
     * @throws IllegalStateException unless this is such a stream
     */
    public AudioVideoStreamHandler newAudioVideoHandler() {
        if (!audioVideo) {
            throw new IllegalStateException("Stream '" + handlerId + "' is not a camera-and-microphone stream");
        }
        return (AudioVideoStreamHandler) audioHandler.get();
    }

    public List<Component> inputs() {
        return List.copyOf(inputs);
    }

    public List<Component> outputs() {
        return List.copyOf(outputs);
    }

    public double streamEvery() {
        return options.streamEvery();
    }

    /** The time limit in seconds, {@code null} for none. */
    public Double timeLimit() {
        return options.timeLimitSeconds();
    }

    public Integer concurrencyLimit() {
        return options.concurrencyLimit();
    }

    public String concurrencyId() {
        return options.concurrencyId();
    }

    /** The event's options with its modality and mode (a copy: change the event through its own methods). */
    public StreamOptions options() {
        return options.withModality(Modality.fromWire(modality())).mode(Mode.fromWire(mode()));
    }

    /**
     * Takes the options every declaration of a stream shares ({@link StreamOptions#adopt}) from {@code other} - the
     * way a server stream gives its own page its limits.
     */
    public StreamEvent adopt(StreamOptions other) {
        options.adopt(other);
        options.streamEvery(generator != null ? 1 / other.fps() : other.captureEvery());
        return this;
    }

    public Placement placement() {
        return placement;
    }

    /** Whether the trigger is its own output (the seed's unified image demo; a microphone that plays the reply). */
    public boolean isUnified() {
        return outputs.contains(trigger);
    }

    private static List<Component> nonNull(Component[] components, String what) {
        List<Component> list = new ArrayList<>();
        for (Component c : components) {
            if (c == null) {
                throw new IllegalArgumentException("A stream " + what + " must not be null");
            }
            list.add(c);
        }
        return list;
    }
}
