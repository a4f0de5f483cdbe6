package dev.riffle.filters;

import java.util.Arrays;

/**
 * Median of a {@code ksize x ksize} window on an 8-bit single-channel image, replicated borders - OpenCV's
 * {@code medianBlur}. A running histogram slides along each row (Huang's method), so the cost per pixel does not
 * grow with the square of the window. Internal.
 */
final class Median {
    private final int radius;
    private final int rank;
    private final int[] hist = new int[256];

    Median(int ksize) {
        if (ksize < 1 || ksize % 2 == 0) {
            throw new IllegalArgumentException("Median window must be odd and positive, got " + ksize);
        }
        radius = ksize / 2;
        rank = ksize * ksize / 2;
    }

    void apply(byte[] src, int w, int h, byte[] dst) {
        int r = radius;
        int[] rowStart = new int[2 * r + 1];
        for (int y = 0; y < h; y++) {
            for (int k = -r; k <= r; k++) {
                rowStart[k + r] = Border.replicate(y + k, h) * w;
            }
            Arrays.fill(hist, 0);
            for (int k = 0; k <= 2 * r; k++) {
                for (int dx = -r; dx <= r; dx++) {
                    hist[src[rowStart[k] + Border.replicate(dx, w)] & 0xFF]++;
                }
            }
            int m = 0;
            int below = 0; // values < m
            while (below + hist[m] <= rank) {
                below += hist[m];
                m++;
            }
            dst[y * w] = (byte) m;
            for (int x = 1; x < w; x++) {
                int out = Border.replicate(x - r - 1, w);
                int in = Border.replicate(x + r, w);
                for (int k = 0; k <= 2 * r; k++) {
                    int vo = src[rowStart[k] + out] & 0xFF;
                    int vi = src[rowStart[k] + in] & 0xFF;
                    hist[vo]--;
                    hist[vi]++;
                    // branch-free "value < m": the sign bit of value - m
                    below += ((vi - m) >>> 31) - ((vo - m) >>> 31);
                }
                while (below > rank) {
                    m--;
                    below -= hist[m];
                }
                while (below + hist[m] <= rank) {
                    below += hist[m];
                    m++;
                }
                dst[y * w + x] = (byte) m;
            }
        }
    }
}
