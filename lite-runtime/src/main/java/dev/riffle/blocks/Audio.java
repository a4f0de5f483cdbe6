package dev.riffle.blocks;

import dev.riffle.handler.AudioFunction;
import dev.riffle.handler.Generator;
import dev.riffle.handler.StreamHandler;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Audio: a microphone input ({@link #microphone()}, Gradio's {@code gr.Audio(sources=["microphone"])}) or an output
 * that plays what a stream sends back ({@link #output()}, with {@code streaming=True, autoplay=True}). A microphone
 * starts {@link #stream stream events}; one that is also the event's output plays the handler's audio itself, as
 * FastRTC's send-receive audio stream does.
 */
public final class Audio extends MediaComponent {
    private Audio(List<String> sources) {
        super(sources, "microphone", "Audio.microphone()", "Audio.output()");
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
        setStreaming(streaming);
        return this;
    }

    public boolean isMicrophone() {
        return hasSource("microphone");
    }

    @Override
    boolean isSource() {
        return isMicrophone();
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
        return sourceStream(() -> StreamEvent.audio(this, name, factory));
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
        return sourceStream(() -> StreamEvent.audioFunction(this, name, function));
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
        return generatorStream(name, generator);
    }

    @Override
    String type() {
        return "audio";
    }
}
