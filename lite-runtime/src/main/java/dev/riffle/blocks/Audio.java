package dev.riffle.blocks;

import dev.riffle.handler.AudioFunction;
import dev.riffle.handler.StreamHandler;
import dev.riffle.handler.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Audio: a microphone input ({@link #microphone()}, Gradio's {@code gr.Audio(sources=["microphone"])}) or an output
 * that plays what a stream sends back ({@link #output()}, with {@code streaming=True, autoplay=True}). A microphone
 * starts {@link #stream stream events}; one that is also the event's output plays the handler's audio itself, as
 * FastRTC's send-receive audio stream does.
 */
public final class Audio extends Component {
    private final List<String> sources;
    private boolean streaming;
    private final List<StreamEvent> streams = new ArrayList<>();

    private Audio(List<String> sources) {
        this.sources = sources;
    }

    /** Audio fed by the user's microphone. */
    public static Audio microphone() {
        return new Audio(List.of("microphone"));
    }

    /** Audio that only plays output. */
    public static Audio output() {
        return new Audio(List.of());
    }

    /** Whether the output plays a stream of chunks as they come (Gradio's {@code streaming=True}). */
    public Audio streaming(boolean streaming) {
        this.streaming = streaming;
        return this;
    }

    public boolean isStreaming() {
        return streaming;
    }

    public boolean isMicrophone() {
        return sources.contains("microphone");
    }

    /**
     * Adds a stream event whose {@link StreamHandler} runs on the server: every chunk of the microphone goes to
     * {@link StreamHandler#receive}, whatever it {@link StreamHandler#emit emits} plays in the event's audio outputs.
     *
     * @param name names the handler in the page description and in errors
     * @param factory makes one handler instance per stream session
     * @throws IllegalStateException if this audio has no microphone source
     */
    public StreamEvent stream(String name, Supplier<? extends StreamHandler> factory) {
        if (!isMicrophone()) {
            throw new IllegalStateException("Only a microphone can start a stream; use Audio.microphone()");
        }
        StreamEvent event = StreamEvent.audio(this, name, factory);
        streams.add(event);
        return event;
    }

    /**
     * Adds a Gradio-style stream event: {@code function} gets every {@link StreamEvent#streamEvery stream_every}
     * seconds of microphone audio (default 0.5 s) with the values of the event's other inputs, and its result goes to
     * the event's outputs. Runs on the server; it sends no audio back.
     *
     * <pre>{@code
     * mic.stream("transcribe", (audio, in) -> AdditionalOutputs.of(...))
     *    .inputs(mic, state, transcript).outputs(state, transcript).timeLimit(10).streamEvery(1);
     * }</pre>
     *
     * @throws IllegalStateException if this audio has no microphone source
     */
    public StreamEvent stream(String name, AudioFunction function) {
        Objects.requireNonNull(function, "function");
        if (!isMicrophone()) {
            throw new IllegalStateException("Only a microphone can start a stream; use Audio.microphone()");
        }
        StreamEvent event = StreamEvent.audioFunction(this, name, function);
        streams.add(event);
        return event;
    }

    /** {@link #stream(String, Supplier)} with a fresh {@link StreamHandler#copy() copy} of {@code handler} per session. */
    public StreamEvent stream(String name, StreamHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return stream(name, handler::copy);
    }

    /**
     * Adds a server-to-client stream (FastRTC's {@code mode="receive"}): when its {@link StreamEvent#trigger
     * trigger} is pressed, the server runs {@code generator} with the event's input values and this audio plays what it
     * yields. Add an image output to the event's outputs for a generator that yields both.
     *
     * <pre>{@code
     * output.stream("generate", in -> frames(in)).trigger(button).inputs(steps);
     * }</pre>
     *
     * @throws IllegalStateException if this is a microphone
     */
    public StreamEvent stream(String name, Generator generator) {
        if (isMicrophone()) {
            throw new IllegalStateException("Only an output plays a generator's stream: a microphone starts its own stream; use Audio.output()");
        }
        StreamEvent event = StreamEvent.generator(this, name, generator);
        streams.add(event);
        return event;
    }

    List<StreamEvent> streams() {
        return List.copyOf(streams);
    }

    @Override
    String type() {
        return "audio";
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("sources", sources);
        out.put("streaming", streaming);
    }
}
