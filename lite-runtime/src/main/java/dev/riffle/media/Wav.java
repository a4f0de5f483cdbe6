package dev.riffle.media;

/** Reads and writes 16-bit PCM WAV files (RIFF), the format espeak-ng and browsers' fake microphones use. */
public final class Wav {
    private Wav() {
    }

    /**
     * The audio in a 16-bit PCM WAV file.
     *
     * @throws IllegalArgumentException when the bytes are not a 16-bit PCM WAV
     */
    public static AudioChunk read(byte[] file) {
        if (file.length < 12 || !tag(file, 0, "RIFF") || !tag(file, 8, "WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int at = 12;
        while (at + 8 <= file.length) {
            int size = le32(file, at + 4);
            int body = at + 8;
            if (size < 0 || body + (long) size > file.length) {
                // streaming writers (espeak-ng to a pipe) leave the data size at 0 or too large: take the rest
                size = file.length - body;
            }
            if (tag(file, at, "fmt ")) {
                int format = le16(file, body);
                channels = le16(file, body + 2);
                rate = le32(file, body + 4);
                bits = le16(file, body + 14);
                if (format != 1 && format != 0xFFFE) {
                    throw new IllegalArgumentException("WAV format " + format + " is not PCM");
                }
            } else if (tag(file, at, "data")) {
                if (bits != 16 || channels < 1 || rate <= 0) {
                    throw new IllegalArgumentException("need 16-bit PCM, got " + bits + "-bit, " + channels
                            + " channels, " + rate + " Hz");
                }
                int count = size / 2 / channels * channels;
                short[] samples = new short[count];
                for (int i = 0; i < count; i++) {
                    samples[i] = (short) le16(file, body + 2 * i);
                }
                return new AudioChunk(rate, channels, samples);
            }
            at = body + size + (size & 1);
        }
        throw new IllegalArgumentException("WAV has no data chunk");
    }

    /** A 16-bit PCM WAV file holding {@code audio}. */
    public static byte[] write(AudioChunk audio) {
        short[] s = audio.samples();
        byte[] out = new byte[44 + 2 * s.length];
        put(out, 0, "RIFF");
        putLe32(out, 4, 36 + 2 * s.length);
        put(out, 8, "WAVE");
        put(out, 12, "fmt ");
        putLe32(out, 16, 16);
        putLe16(out, 20, 1);
        putLe16(out, 22, audio.channels());
        putLe32(out, 24, audio.sampleRate());
        putLe32(out, 28, audio.sampleRate() * audio.channels() * 2);
        putLe16(out, 32, audio.channels() * 2);
        putLe16(out, 34, 16);
        put(out, 36, "data");
        putLe32(out, 40, 2 * s.length);
        for (int i = 0; i < s.length; i++) {
            putLe16(out, 44 + 2 * i, s[i]);
        }
        return out;
    }

    private static boolean tag(byte[] b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] << 8);
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static void put(byte[] b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) tag.charAt(i);
        }
    }

    private static void putLe16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void putLe32(byte[] b, int at, int v) {
        putLe16(b, at, v);
        putLe16(b, at + 2, v >> 16);
    }
}
