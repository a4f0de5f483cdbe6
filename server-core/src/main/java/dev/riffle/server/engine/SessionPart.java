package dev.riffle.server.engine;

import dev.riffle.handler.Inputs;
import java.util.Map;

/**
 * One kind of media a {@link StreamSession} carries: the camera's frames ({@link VideoPart}), the microphone's audio
 * ({@link AudioPart}) or a generator's output ({@link GeneratorPart}). The session's core keeps what every kind shares
 * (identity, ticket, inputs, subscribers, lifecycle) and hands each part its media; a camera-and-microphone session
 * has two parts.
 */
interface SessionPart {
    /** New additional input values, from the next frame or chunk. */
    void setInputs(Inputs inputs);

    /** The values the part's handler sees now (state included). */
    Inputs inputs();

    /** Adds the part's counters to the session's. */
    void stats(Map<String, Object> into);

    /** How long the part's current handler call has run, in ns; 0 when idle (a generator paces itself: 0). */
    long busyNanos();

    /** Stops the part's handler and frees what it holds; the session's end. */
    void close();
}
