package dev.riffle.server.wire;

/**
 * G.711 mu-law, the 8-bit audio encoding of FastRTC's WebSocket clients (and of telephony): each 16-bit sample is
 * compressed logarithmically into one byte - a sign bit, a 3-bit segment (octave) and a 4-bit step within it, all bits
 * inverted. The round trip keeps about 14 bits of dynamic range; silence stays exactly 0.
 */
public final class MuLaw {
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private MuLaw() {
    }

    /** One 16-bit linear sample as a mu-law byte. */
    public static byte encode(short sample) {
        int s = sample;
        int sign = s < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(s), CLIP) + BIAS;
        // the segment is the position of the highest set bit above bit 7
        int segment = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        int step = (magnitude >> (segment + 3)) & 0x0F;
        return (byte) ~(sign | segment << 4 | step);
    }

    /** One mu-law byte as a 16-bit linear sample. */
    public static short decode(byte encoded) {
        int u = ~encoded & 0xFF;
        int segment = (u >> 4) & 0x07;
        int magnitude = (((u & 0x0F) << 3) + BIAS) << segment;
        return (short) ((u & 0x80) != 0 ? BIAS - magnitude : magnitude - BIAS);
    }

    /** Samples to mu-law bytes. */
    public static byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode(samples[i]);
        }
        return out;
    }

    /** Mu-law bytes to samples. */
    public static short[] decode(byte[] encoded) {
        short[] out = new short[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            out[i] = decode(encoded[i]);
        }
        return out;
    }
}
