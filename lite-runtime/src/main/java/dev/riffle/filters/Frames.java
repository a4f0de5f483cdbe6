package dev.riffle.filters;

import dev.riffle.media.VideoFrame;

/** Checks and conversions shared by the filters. Internal. */
final class Frames {
    private Frames() {
    }

    static void requireSameSize(VideoFrame in, VideoFrame out) {
        if (in == out) {
            throw new IllegalArgumentException("Input and output must be different frames");
        }
        if (!in.sameSize(out)) {
            throw new IllegalArgumentException("Output frame must be " + in.width() + "x" + in.height()
                    + ", got " + out.width() + "x" + out.height());
        }
    }

    /**
     * {@code |v|} without a branch. In the Wasm build it made the bilateral filter about 4% faster than
     * {@code Math.abs} on pixel differences, whose sign is unpredictable.
     */
    static int abs(int v) {
        int sign = v >> 31;
        return (v ^ sign) - sign;
    }

    /**
     * {@code RGB2GRAY} of a packed pixel with OpenCV 4's 15-bit fixed-point coefficients
     * ({@code 0.299, 0.587, 0.114}).
     */
    static int luma(int pixel) {
        return luma(pixel & 0xFF, pixel >> 8 & 0xFF, pixel >> 16 & 0xFF);
    }

    /** {@link #luma(int)} of three 0..255 channel values. */
    static int luma(int r, int g, int b) {
        return (r * 9798 + g * 19235 + b * 3735 + (1 << 14)) >> 15;
    }

    /** Writes one 0/255 mask value per pixel as opaque gray ({@code cvtColor(GRAY2RGB)}). */
    static int gray(int v) {
        return v | v << 8 | v << 16 | 0xFF000000;
    }
}
