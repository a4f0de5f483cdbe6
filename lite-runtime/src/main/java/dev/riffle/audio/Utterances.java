package dev.riffle.audio;

import dev.riffle.media.AudioChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the utterances that end in the newest chunk of a stream, given the chunks before it - what the seed's
 * transcription demo needs to hand whole utterances to a recogniser while it keeps only the last few chunks.
 *
 * <p>The audio is cut into 20 ms frames; a frame is speech when its level is above the threshold; speech with gaps
 * shorter than the pause is one utterance. An utterance is complete once a pause of silence follows it, and it is
 * returned by the one call whose newest chunk contains that moment - so across consecutive calls (each with the
 * previous chunks as history) every utterance is returned exactly once, as long as the frames line up from call to
 * call (chunks a whole number of frames long; Gradio's {@code stream_every} of 0.5 s or 1 s is). An utterance that
 * began before the oldest chunk is returned cut; keep enough history for the longest utterance.
 */
public final class Utterances {
    private static final double FRAME_SECONDS = 0.02;
    private static final double PAD_SECONDS = 0.25;

    private final double pauseSeconds;
    private final double thresholdDbfs;

    /**
     * @param pauseSeconds the silence that ends an utterance
     * @param thresholdDbfs the level above which a frame is speech, in dBFS
     */
    public Utterances(double pauseSeconds, double thresholdDbfs) {
        if (!(pauseSeconds >= FRAME_SECONDS && pauseSeconds <= 10)) {
            throw new IllegalArgumentException("pauseSeconds must be 0.02..10, got " + pauseSeconds);
        }
        if (!(thresholdDbfs < 0 && thresholdDbfs > -120)) {
            throw new IllegalArgumentException("thresholdDbfs must be in (-120, 0), got " + thresholdDbfs);
        }
        this.pauseSeconds = pauseSeconds;
        this.thresholdDbfs = thresholdDbfs;
    }

    /** A 0.5 s pause ends an utterance; speech is above -40 dBFS. */
    public static Utterances defaults() {
        return new Utterances(0.5, -40);
    }

    /**
     * The utterances completed in {@code current}, oldest first, each with up to 0.25 s of the audio around it.
     *
     * @param history the chunks just before {@code current}, oldest first (may be empty)
     * @throws IllegalArgumentException if the chunks' sample rates differ
     */
    public List<AudioChunk> endingIn(AudioChunk current, List<AudioChunk> history) {
        int rate = current.sampleRate();
        int total = current.frameCount();
        for (AudioChunk c : history) {
            if (c.sampleRate() != rate) {
                throw new IllegalArgumentException("All chunks must have one sample rate: " + c.sampleRate()
                        + " Hz in the history, " + rate + " Hz now");
            }
            total += c.frameCount();
        }
        short[] window = new short[total];
        int at = 0;
        for (AudioChunk c : history) {
            at = append(window, at, c.toMono().samples());
        }
        int currentStart = at;
        append(window, at, current.toMono().samples());

        int frame = Math.max(1, (int) Math.round(rate * FRAME_SECONDS));
        int frames = total / frame;
        boolean[] speech = new boolean[frames];
        double threshold = 32768 * Math.pow(10, thresholdDbfs / 20);
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                sum += (double) window[i] * window[i];
            }
            speech[f] = Math.sqrt(sum / frame) > threshold;
        }
        int pauseFrames = (int) Math.ceil(pauseSeconds / FRAME_SECONDS);
        int pad = (int) Math.round(rate * PAD_SECONDS);
        List<AudioChunk> found = new ArrayList<>();
        int f = 0;
        while (f < frames) {
            if (!speech[f]) {
                f++;
                continue;
            }
            int start = f;
            int end = f + 1; // exclusive: one past the last speech frame
            int quiet = 0;
            for (f = f + 1; f < frames && quiet < pauseFrames; f++) {
                if (speech[f]) {
                    end = f + 1;
                    quiet = 0;
                } else {
                    quiet++;
                }
            }
            if (quiet < pauseFrames) {
                break; // still talking, or the pause is not over yet: a later call returns it
            }
            int completedAt = (end + pauseFrames) * frame; // the sample at which the pause was over
            if (completedAt > currentStart) {
                int from = Math.max(0, start * frame - pad);
                int to = Math.min(total, end * frame + pad);
                short[] samples = new short[to - from];
                System.arraycopy(window, from, samples, 0, samples.length);
                found.add(new AudioChunk(rate, 1, samples));
            }
        }
        return found;
    }

    private static int append(short[] into, int at, short[] samples) {
        System.arraycopy(samples, 0, into, at, samples.length);
        return at + samples.length;
    }
}
