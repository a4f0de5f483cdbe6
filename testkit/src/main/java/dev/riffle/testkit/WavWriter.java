package dev.riffle.testkit;

import dev.riffle.media.AudioChunk;
import dev.riffle.media.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes 16-bit mono PCM WAV files for Chromium's fake microphone ({@code --use-file-for-fake-audio-capture}):
 * tones of known frequency and level, and silence.
 */
public final class WavWriter {
    private final int sampleRate;
    private short[] pcm = new short[0];
    private int length;

    /** @param sampleRate e.g. 48000 */
    public WavWriter(int sampleRate) {
        if (sampleRate < 8000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("Sample rate must be 8000..192000, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
    }

    /** Appends a sine tone of {@code hz} at {@code amplitude} (0..1 of full scale) for {@code seconds}. */
    public WavWriter tone(double hz, double amplitude, double seconds) {
        if (!(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("Amplitude must be 0..1, got " + amplitude);
        }
        int n = (int) Math.round(seconds * sampleRate);
        for (int i = 0; i < n; i++) {
            sample((short) Math.round(Math.sin(2 * Math.PI * hz * i / sampleRate) * amplitude * 32767));
        }
        return this;
    }

    /** Appends {@code seconds} of silence. */
    public WavWriter silence(double seconds) {
        return tone(0, 0, seconds);
    }

    private void sample(short s) {
        if (length == pcm.length) {
            pcm = Arrays.copyOf(pcm, Math.max(1024, pcm.length * 2));
        }
        pcm[length++] = s;
    }

    /** Writes the file (RIFF header + PCM, by {@link Wav#write}). */
    public Path write(Path file) throws IOException {
        return Files.write(file, Wav.write(new AudioChunk(sampleRate, 1, Arrays.copyOf(pcm, length))));
    }
}
