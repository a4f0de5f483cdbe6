package dev.riffle.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.media.AudioChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtterancesTest {
    private static final int RATE = 16_000;

    /** Silence with 300 Hz bursts at -20 dBFS; each burst {start, end} in seconds. */
    private static short[] signal(double seconds, double[][] bursts) {
        short[] s = new short[(int) (seconds * RATE)];
        for (double[] b : bursts) {
            for (int i = (int) (b[0] * RATE); i < (int) (b[1] * RATE); i++) {
                s[i] = (short) Math.round(Math.sin(2 * Math.PI * 300 * i / RATE) * 0.1 * 32767 * Math.sqrt(2));
            }
        }
        return s;
    }

    /** Feeds {@code s} in 1 s chunks, each call with the last 3 chunks as history, like the transcription demo. */
    private static List<AudioChunk> run(Utterances u, short[] s) {
        List<AudioChunk> history = new ArrayList<>();
        List<AudioChunk> found = new ArrayList<>();
        for (int at = 0; at + RATE <= s.length; at += RATE) {
            short[] piece = new short[RATE];
            System.arraycopy(s, at, piece, 0, RATE);
            AudioChunk current = new AudioChunk(RATE, 1, piece);
            found.addAll(u.endingIn(current, history));
            history.add(current);
            if (history.size() > 3) {
                history.remove(0);
            }
        }
        return found;
    }

    @Test
    void everyUtteranceComesOnceWhereverTheChunkBoundariesFall() {
        for (int shiftMs = 0; shiftMs < 1000; shiftMs += 37) {
            double d = shiftMs / 1000.0;
            double[][] bursts = { { 0.3 + d, 1.1 + d }, { 2.0 + d, 4.1 + d }, { 5.0 + d, 5.2 + d }, { 6.3 + d, 7.0 + d } };
            List<AudioChunk> found = run(Utterances.defaults(), signal(10, bursts));
            assertEquals(4, found.size(), "shift " + shiftMs + " ms");
            for (int i = 0; i < 4; i++) {
                double burst = bursts[i][1] - bursts[i][0];
                double got = found.get(i).frameCount() / (double) RATE;
                // the burst plus up to 0.25 s each side, frames rounded to 20 ms
                assertTrue(got >= burst && got <= burst + 0.54, "shift " + shiftMs + " ms, utterance " + i
                        + ": " + got + " s for a " + burst + " s burst");
            }
        }
    }

    @Test
    void gapsShorterThanThePauseStayInOneUtterance() {
        double[][] bursts = { { 0.5, 1.0 }, { 1.3, 1.8 }, { 2.1, 2.6 } }; // 0.3 s gaps, pause 0.5 s
        List<AudioChunk> found = run(Utterances.defaults(), signal(5, bursts));
        assertEquals(1, found.size());
        assertEquals(2.1 + 0.5, found.get(0).frameCount() / (double) RATE, 0.05);
        assertEquals(3, run(new Utterances(0.25, -40), signal(5, bursts)).size(), "a shorter pause splits them");
    }

    @Test
    void speechStillGoingOrQuietIsNotReturned() {
        assertEquals(0, run(Utterances.defaults(), signal(3, new double[][] { { 1.0, 3.0 } })).size(),
                "no pause after it yet");
        short[] whisper = signal(3, new double[][] { { 0.5, 1.5 } });
        for (int i = 0; i < whisper.length; i++) {
            whisper[i] = (short) (whisper[i] / 30); // about -50 dBFS
        }
        assertEquals(0, run(Utterances.defaults(), whisper).size(), "below the threshold");
    }

    @Test
    void refusesMixedRatesAndBadOptions() {
        AudioChunk a = new AudioChunk(16_000, 1, new short[16_000]);
        AudioChunk b = new AudioChunk(48_000, 1, new short[48_000]);
        assertThrows(IllegalArgumentException.class, () -> Utterances.defaults().endingIn(a, List.of(b)));
        assertThrows(IllegalArgumentException.class, () -> new Utterances(0, -40));
        assertThrows(IllegalArgumentException.class, () -> new Utterances(0.5, 3));
    }
}
