package dev.riffle.audio;

/**
 * How a window's speech probability becomes speech or silence, the part of FastRTC's {@code SileroVadOptions}
 * that applies to a streaming detector: a window at or above {@code threshold} is speech, below
 * {@code negThreshold} silence, in between it keeps the previous decision. {@code speechPadMs} of audio before
 * the turn started are kept, so the reply function hears the first syllable whole.
 */
public record VadOptions(float threshold, float negThreshold, int speechPadMs) {

    public VadOptions {
        if (!(threshold > 0 && threshold < 1) || !(negThreshold >= 0 && negThreshold <= threshold)) {
            throw new IllegalArgumentException("need 0 <= negThreshold <= threshold < 1, got threshold=" + threshold
                    + ", negThreshold=" + negThreshold);
        }
        if (speechPadMs < 0) {
            throw new IllegalArgumentException("speechPadMs must be >= 0, got " + speechPadMs);
        }
    }

    /** Silero's: 0.5 with 0.35 hysteresis, 400 ms pad (FastRTC's speech_pad_ms). */
    public static VadOptions defaults() {
        return new VadOptions(0.5f, 0.35f, 400);
    }
}
