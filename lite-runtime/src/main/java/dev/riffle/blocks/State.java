package dev.riffle.blocks;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value kept on the server for each session, Gradio's {@code gr.State}: not shown on the page, given to the
 * handler as an input and replaced by the handler's output of the same component. Each session starts from its own
 * {@link #withInitial fresh value}, so a handler can keep a buffer of the last few chunks (the seed's transcription
 * demo) without sharing it between users.
 *
 * <pre>{@code
 * State history = State.withInitial(List::of);
 * mic.stream("transcribe", (audio, in) -> ...).inputs(mic, history, transcript).outputs(history, transcript);
 * }</pre>
 *
 * The value never travels to the browser: the page sees {@code null} in its place, and what the page sends for it is
 * ignored.
 */
public final class State extends Component {
    private final Supplier<?> initial;

    private State(Supplier<?> initial) {
        this.initial = initial;
    }

    /** A state whose every session starts from {@code value}; use it for immutable values (numbers, text, List.of). */
    public static State of(Object value) {
        return new State(() -> value);
    }

    /** A state whose every session starts from a fresh {@code initial.get()} (a mutable list, a map). */
    public static State withInitial(Supplier<?> initial) {
        return new State(Objects.requireNonNull(initial, "initial"));
    }

    /** A fresh starting value for a new session. */
    @Override
    public Object initialValue() {
        return initial.get();
    }

    @Override
    String type() {
        return "state";
    }
}
