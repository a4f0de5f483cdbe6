package dev.riffle.filters;

import java.util.Arrays;

/**
 * OpenCV's {@code adaptiveThreshold(src, 255, ADAPTIVE_THRESH_MEAN_C, THRESH_BINARY, block, c)}: the local mean is a
 * {@code block x block} box filter with replicated borders, rounded with OpenCV's fixed-point division, and a pixel
 * becomes 255 when {@code src - mean > -ceil(c)}, else 0. Internal.
 */
final class MeanThreshold {
    private static final int SHIFT = 23;

    private final int radius;
    private final int delta;
    private final int divScale;
    private final int divDelta;
    private int[] colSums = new int[0];

    MeanThreshold(int block, double c) {
        if (block < 3 || block % 2 == 0) {
            throw new IllegalArgumentException("Block size must be odd and at least 3, got " + block);
        }
        radius = block / 2;
        delta = (int) Math.ceil(c);
        int d = block * block;
        double scale = (double) (1 << SHIFT) / d;
        int ds = (int) Math.floor(scale);
        int dd = d / 2;
        if (scale - ds < 0.5) {
            dd++;
        } else {
            ds++;
        }
        divScale = ds;
        divDelta = dd;
    }

    /** Writes 255 or 0 per pixel of {@code src} ({@code w x h}) into {@code dst}. */
    void apply(byte[] src, int w, int h, byte[] dst) {
        int r = radius;
        if (colSums.length != w) {
            colSums = new int[w];
        }
        int[] cols = colSums;
        // column sums over rows y-r..y+r, kept up to date as y moves down
        Arrays.fill(cols, 0, w, 0);
        for (int k = -r; k <= r; k++) {
            int row = Border.replicate(k, h) * w;
            for (int x = 0; x < w; x++) {
                cols[x] += src[row + x] & 0xFF;
            }
        }
        for (int y = 0; y < h; y++) {
            if (y > 0) {
                int gone = Border.replicate(y - r - 1, h) * w;
                int come = Border.replicate(y + r, h) * w;
                for (int x = 0; x < w; x++) {
                    cols[x] += (src[come + x] & 0xFF) - (src[gone + x] & 0xFF);
                }
            }
            int sum = 0;
            for (int k = -r; k <= r; k++) {
                sum += cols[Border.replicate(k, w)];
            }
            int o = y * w;
            for (int x = 0; x < w; x++) {
                if (x > 0) {
                    sum += cols[Border.replicate(x + r, w)] - cols[Border.replicate(x - r - 1, w)];
                }
                int mean = (int) (((long) (sum + divDelta) * divScale) >> SHIFT);
                dst[o + x] = (src[o + x] & 0xFF) - mean > -delta ? (byte) 255 : 0;
            }
        }
    }
}
