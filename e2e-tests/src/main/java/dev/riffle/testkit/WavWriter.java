package dev.riffle.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes 16-bit mono PCM WAV files for Chromium's fake microphone ({@code --use-file-for-fake-audio-capture}):
 * tones of known frequency and level, and silence.
 */
public final class WavWriter {
    private final int sampleRate;
    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();

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
        pcm.write(s & 0xFF);
        pcm.write(s >> 8 & 0xFF);
    }

    /** Writes the file (RIFF header + PCM). */
    public Path write(Path file) throws IOException {
        byte[] data = pcm.toByteArray();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt(data.length);
        byte[] out = new byte[44 + data.length];
        System.arraycopy(header.array(), 0, out, 0, 44);
        System.arraycopy(data, 0, out, 44, data.length);
        return Files.write(file, out);
    }
}
