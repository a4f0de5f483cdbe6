package dev.riffle.media;

/**
 * Converts a stream of mono 16-bit audio from one sample rate to another by linear interpolation. It keeps its
 * position and the last sample between calls, so consecutive chunks join without clicks: one instance per stream.
 * Good enough for speech and test tones (no anti-aliasing filter: downsampling folds content above the new Nyquist
 * frequency back).
 */
public final class Resampler {
    private final int fromRate;
    private final int toRate;
    /**
     * position of the next output sample relative to the start of the next chunk, in units of 1/toRate input
     * samples (exact integers, so how the stream is cut into chunks never changes the output)
     */
    private long position;
    /** the last input sample of the previous chunk (index -1 of the next) */
    private short previous;

    /**
     * @throws IllegalArgumentException if a rate is not positive
     */
    public Resampler(int fromRate, int toRate) {
        if (fromRate < 1 || toRate < 1) {
            throw new IllegalArgumentException("Sample rates must be positive, got " + fromRate + " -> " + toRate);
        }
        this.fromRate = fromRate;
        this.toRate = toRate;
    }

    public int fromRate() {
        return fromRate;
    }

    public int toRate() {
        return toRate;
    }

    /** The next chunk's samples at {@link #toRate()}; the same array when the rates are equal. */
    public short[] process(short[] in) {
        if (fromRate == toRate) {
            return in;
        }
        if (in.length == 0) {
            return in;
        }
        long last = (long) (in.length - 1) * toRate;
        int count = position > last ? 0 : (int) ((last - position) / fromRate) + 1;
        short[] out = new short[count];
        long p = position;
        for (int i = 0; i < count; i++, p += fromRate) {
            int index = (int) Math.floorDiv(p, toRate);
            long frac = Math.floorMod(p, toRate);
            int a = index < 0 ? previous : in[index];
            int b = in[Math.min(index + 1, in.length - 1)];
            out[i] = (short) Math.round(a + (double) (b - a) * frac / toRate);
        }
        position = p - (long) in.length * toRate;
        previous = in[in.length - 1];
        return out;
    }
}
