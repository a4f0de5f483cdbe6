package dev.riffle.server.engine;

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
import dev.riffle.server.queue.SessionDirectory;
import dev.riffle.stream.ApiError;
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
 * A mounted stream as the engine runs it: its name and {@link StreamOptions}, its handler factories, the rules of
 * its additional inputs and outputs, and its live sessions. Internal: users hold the {@code Stream} it belongs to.
 */
public final class StreamRuntime {
    private final String name;
    private final StreamOptions options;
    private final Supplier<? extends VideoHandlerWithOutputs> factory;
    private final Supplier<? extends StreamHandler> audioFactory;
    private final Generator generator;
    private final List<Component> additionalInputs;
    private final List<Component> additionalOutputs;
    private volatile Blocks ui;
    private volatile StreamEvent uiEvent;
    private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();
    private final StreamCounters counters = new StreamCounters();
    private final Map<String, StreamSession> byClientId = new ConcurrentHashMap<>();
    private volatile Engine engine;
    private volatile String path;

    public StreamRuntime(String name, StreamOptions options, Supplier<? extends VideoHandlerWithOutputs> factory,
            Supplier<? extends StreamHandler> audioFactory, Generator generator, List<Component> additionalInputs,
            List<Component> additionalOutputs) {
        this.name = name;
        this.options = options.copy();
        this.factory = factory;
        this.audioFactory = audioFactory;
        this.generator = generator;
        this.additionalInputs = List.copyOf(additionalInputs);
        this.additionalOutputs = List.copyOf(additionalOutputs);
    }

    /** Sets the page that tries the stream, once, when the stream is built. */
    public void ui(Blocks ui, StreamEvent uiEvent) {
        this.ui = ui;
        this.uiEvent = uiEvent;
    }

    public String name() {
        return name;
    }

    /** The stream's options; do not change them (the stream's own copy). */
    public StreamOptions options() {
        return options;
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

    /** The concurrency group; streams with the same id share its slots. Default: the stream's mount path. */
    public String concurrencyId() {
        return options.concurrencyId() != null ? options.concurrencyId() : "stream:" + path;
    }

    /**
     * How often a WebRTC session's camera frame goes to the handler: {@link Duration#ZERO} - every frame - unless
     * the stream set {@code streamEvery} (a Gradio stream event always does).
     */
    public Duration webRtcFrameInterval() {
        return generator != null ? Duration.ZERO : options.webRtcFrameInterval();
    }

    /** Makes a video session's handler; null for an audio stream. */
    public Supplier<? extends VideoHandlerWithOutputs> factory() {
        return factory;
    }

    /** Makes an audio session's handler; null for a video stream. */
    public Supplier<? extends StreamHandler> audioFactory() {
        return audioFactory;
    }

    /** The generator of a {@link Mode#RECEIVE} stream, else {@code null}. */
    public Generator generator() {
        return generator;
    }

    /** The page that tries the stream. */
    public Blocks ui() {
        return ui;
    }

    /** The stream event of {@link #ui()} that this stream serves. */
    public StreamEvent uiEvent() {
        return uiEvent;
    }

    /** Where the stream is mounted, or {@code null} before it is. */
    public String path() {
        return path;
    }

    /** What the stream has done since it was mounted (the metrics read it). */
    public StreamCounters counters() {
        return counters;
    }

    public Map<String, StreamSession> sessions() {
        return sessions;
    }

    /** Whether sessions send camera and microphone to one {@link AudioVideoStreamHandler}. */
    public boolean isAudioVideo() {
        return generator == null && options.modality() == Modality.AUDIO_VIDEO;
    }

    public VideoHandlerWithOutputs newHandler() {
        if (factory == null) {
            throw new IllegalStateException("Stream '" + name + "' carries audio");
        }
        VideoHandlerWithOutputs handler = factory.get();
        if (handler == null) {
            throw new IllegalStateException("The handler factory of stream '" + name + "' returned null");
        }
        return handler;
    }

    public StreamHandler newAudioHandler() {
        StreamHandler handler = audioFactory == null ? null : audioFactory.get();
        if (handler == null) {
            throw new IllegalStateException("Stream '" + name + "' has no audio handler, or its factory returned null");
        }
        return handler;
    }

    public synchronized void attach(Engine engine, String path) {
        if (this.engine != null) {
            throw new IllegalStateException("Stream '" + name + "' is already mounted at " + this.path);
        }
        this.engine = engine;
        this.path = path;
        engine.queue().defineGroup(concurrencyId(), options.concurrencyLimit());
    }

    public Engine engine() {
        return engine;
    }

    public void register(StreamSession session) {
        sessions.put(session.id(), session);
        if (session.clientId() != null) {
            byClientId.putIfAbsent(session.clientId(), session); // the first keeps its id; offers refuse a second
        }
        claim(session.id());
        if (session.clientId() != null) {
            claim(session.clientId());
        }
    }

    public void unregister(StreamSession session) {
        sessions.remove(session.id(), session);
        SessionDirectory directory = engine.directory();
        directory.release(path, session.id());
        if (session.clientId() != null && byClientId.remove(session.clientId(), session)) {
            directory.release(path, session.clientId());
        }
    }

    /** Tells the other nodes (if any) that this node serves the session named {@code id}. */
    private void claim(String id) {
        try {
            engine.directory().claim(path, id);
        } catch (ApiError unreachable) {
            // requests about it that reach other nodes get queue_unavailable until the next renewal re-claims it
        }
    }

    /** Whether a session named {@code clientId} by its client runs now. */
    public boolean hasSessionOfClient(String clientId) {
        StreamSession s = byClientId.get(clientId);
        return s != null && !s.isClosed();
    }

    /** A running session, by Riffle's session id or by the client's own id (FastRTC's webrtc_id). */
    public StreamSession session(String sessionId) {
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
    public Inputs initialInputs() {
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
    public Inputs namedInputs(com.fasterxml.jackson.databind.JsonNode body, Inputs current) {
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
            values[index] = Wire.values(Wire.JSON.createArrayNode().add(field.getValue())).get(0);
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

    public Inputs checkInputs(List<?> values) {
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
    public Inputs keepState(Inputs incoming, Inputs current) {
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
    public Inputs feedBack(Inputs current, List<Object> outputs) {
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
    public List<Object> visibleOutputs(List<Object> outputs) {
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

}
