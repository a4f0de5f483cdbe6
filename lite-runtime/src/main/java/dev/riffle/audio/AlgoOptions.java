package dev.riffle.audio;

/**
 * How {@link ReplyOnPause} turns speech scores into turns, FastRTC's {@code AlgoOptions}. Speech is measured over
 * the trailing {@code audioChunkDuration} seconds, re-evaluated after every detector window (FastRTC evaluates
 * whole chunks, so its pause shows up 0.6-1.2 s after speech ends; sliding the window makes it about
 * {@code audioChunkDuration - speechThreshold} plus the detector's own lag).
 *
 * @param audioChunkDuration seconds of trailing audio speech is measured over (FastRTC: 0.6)
 * @param startedTalkingThreshold seconds of speech in that window that start a turn (FastRTC: 0.2)
 * @param speechThreshold a started turn pauses when the window holds less speech than this, in seconds (FastRTC: 0.1)
 * @param maxContinuousSpeech seconds after which a turn is answered even without a pause (FastRTC: infinity)
 */
public record AlgoOptions(double audioChunkDuration, double startedTalkingThreshold, double speechThreshold,
        double maxContinuousSpeech) {

    public AlgoOptions {
        if (!(audioChunkDuration > 0) || !(startedTalkingThreshold > 0) || !(speechThreshold > 0)
                || !(maxContinuousSpeech > 0)) {
            throw new IllegalArgumentException("AlgoOptions values must be positive: audioChunkDuration="
                    + audioChunkDuration + ", startedTalkingThreshold=" + startedTalkingThreshold
                    + ", speechThreshold=" + speechThreshold + ", maxContinuousSpeech=" + maxContinuousSpeech);
        }
        if (startedTalkingThreshold > audioChunkDuration || speechThreshold > audioChunkDuration) {
            throw new IllegalArgumentException("thresholds cannot exceed audioChunkDuration (" + audioChunkDuration
                    + " s)");
        }
    }

    /**
     * Riffle's defaults: a 0.32 s window (ten 32 ms Silero windows), 0.2 s of speech starts a turn, under 0.1 s
     * pauses it. A 0.3 s window (nine) split espeak-ng's "the quick brown fox jumps over the lazy dog" into two turns
     * at 4 of 50 start alignments; 0.32 s at none of 140.
     */
    public static AlgoOptions defaults() {
        return new AlgoOptions(0.32, 0.2, 0.1, Double.POSITIVE_INFINITY);
    }

    /** FastRTC's numbers (0.6 s window): fewer replies to short gaps mid-sentence, later replies. */
    public static AlgoOptions fastrtc() {
        return new AlgoOptions(0.6, 0.2, 0.1, Double.POSITIVE_INFINITY);
    }

    public AlgoOptions withMaxContinuousSpeech(double seconds) {
        return new AlgoOptions(audioChunkDuration, startedTalkingThreshold, speechThreshold, seconds);
    }
}
