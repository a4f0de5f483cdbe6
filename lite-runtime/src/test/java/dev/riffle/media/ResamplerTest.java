package dev.riffle.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    static short[] tone(int rate, double hz, int count) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * i / rate) * 16000);
        }
        return s;
    }

    /** Feeds {@code in} in chunks of the given sizes (cycling) and joins the output. */
    static short[] inChunks(Resampler r, short[] in, int... sizes) {
        short[] out = new short[0];
        for (int at = 0, k = 0; at < in.length; k++) {
            int n = Math.min(sizes[k % sizes.length], in.length - at);
            short[] part = r.process(Arrays.copyOfRange(in, at, at + n));
            int was = out.length;
            out = Arrays.copyOf(out, was + part.length);
            System.arraycopy(part, 0, out, was, part.length);
            at += n;
        }
        return out;
    }

    @Test
    void sameRate_passesChunksThrough() {
        short[] in = tone(48_000, 440, 960);
        assertSame(in, new Resampler(48_000, 48_000).process(in));
    }

    @Test
    void chunkBoundaries_doNotChangeTheResult() {
        short[] in = tone(44_100, 700, 44_100);
        short[] whole = new Resampler(44_100, 48_000).process(in);
        assertArrayEquals(whole, inChunks(new Resampler(44_100, 48_000), in, 441, 17, 1000, 1));
        assertArrayEquals(new Resampler(48_000, 16_000).process(tone(48_000, 300, 48_000)),
                inChunks(new Resampler(48_000, 16_000), tone(48_000, 300, 48_000), 960, 7, 333));
    }

    @Test
    void lengthAndPitch_arePreserved() {
        short[] out = new Resampler(48_000, 16_000).process(tone(48_000, 440, 48_000));
        assertEquals(16_000, out.length, 1);
        // the tone at 16 kHz, computed directly, matches within interpolation error
        short[] expected = tone(16_000, 440, out.length);
        for (int i = 0; i < out.length; i++) {
            assertEquals(expected[i], out[i], 80, "sample " + i);
        }
        short[] up = new Resampler(16_000, 48_000).process(tone(16_000, 440, 16_000));
        assertEquals(48_000, up.length, 3);
        short[] expectedUp = tone(48_000, 440, up.length);
        for (int i = 0; i < up.length; i++) {
            assertEquals(expectedUp[i], up[i], 600, "sample " + i);
        }
    }

    @Test
    void stereo_isAveragedToMono() {
        AudioChunk stereo = new AudioChunk(48_000, 2, new short[] {100, 300, -5, -7, 32767, 32767});
        AudioChunk mono = stereo.toMono();
        assertEquals(1, mono.channels());
        assertArrayEquals(new short[] {200, -6, 32767}, mono.samples());
        assertSame(mono, mono.toMono());
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 48_000));
    }
}
