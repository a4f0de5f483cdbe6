package dev.riffle.audio;

/**
 * Scores windows of mono audio for speech, in order; {@link ReplyOnPause} turns the scores into turns. Stateful:
 * each connection gets its own instance from {@link #copy()} (which may share a loaded model).
 * Implementations: {@link EnergyPauseDetector} (no model, runs anywhere, also in the browser) and the server's
 * Silero VAD.
 */
public interface PauseDetector {
    /** The sample rate windows must have; {@link ReplyOnPause} resamples to it. */
    int sampleRate();

    /** Samples per window at {@link #sampleRate()}. */
    int windowSamples();

    /**
     * The probability (0..1) that the next window is speech.
     *
     * @param window exactly {@link #windowSamples()} samples in -1..1, the one after the previous call's
     */
    float speechProbability(float[] window);

    /** Forgets what earlier windows left behind (a new turn starts). */
    void reset();

    /** A fresh detector for another connection. */
    PauseDetector copy();

    /** Releases what this instance holds (not what copies share). Does nothing by default. */
    default void close() {
    }
}
