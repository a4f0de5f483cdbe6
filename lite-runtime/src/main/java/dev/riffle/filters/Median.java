package dev.riffle.filters;

import java.util.Arrays;

/**
 * Median of a {@code ksize x ksize} window on an 8-bit single-channel image, replicated borders - OpenCV's
 * {@code medianBlur}. A running histogram slides along each row (Huang's method), so the cost per pixel does not
 * grow with the square of the window; two output rows go together, sharing the rows their windows share. Internal.
 */
final class Median {
    private final int radius;
    private final int rank;
    private final int[] hist = new int[256];
    private final int[] histA = new int[256];
    private final int[] histB = new int[256];
    private final int[] sharedRows;

    Median(int ksize) {
        if (ksize < 1 || ksize % 2 == 0) {
            throw new IllegalArgumentException("Median window must be odd and positive, got " + ksize);
        }
        radius = ksize / 2;
        rank = ksize * ksize / 2;
        sharedRows = new int[2 * radius];
    }

    void apply(byte[] src, int w, int h, byte[] dst) {
        int y = 0;
        for (; y + 1 < h; y += 2) {
            rowPair(src, w, h, y, dst);
        }
        if (y < h) {
            row(src, w, h, y, dst);
        }
    }

    /**
     * Output rows {@code y} and {@code y + 1} together: their windows share {@code 2r} rows, whose histogram and
     * reads serve both; each also has one row of its own (above, below) in a small histogram of its own. A median's
     * count of values below it takes every update of its window (shared or own) as it comes.
     */
    private void rowPair(byte[] src, int w, int h, int y, byte[] dst) {
        int r = radius;
        int k = 2 * r + 1;
        int[] shared = hist;
        int[] ownA = histA;
        int[] ownB = histB;
        Arrays.fill(shared, 0);
        Arrays.fill(ownA, 0);
        Arrays.fill(ownB, 0);
        int[] rows = sharedRows;
        for (int i = 0; i < 2 * r; i++) {
            rows[i] = Border.replicate(y - r + 1 + i, h) * w;
        }
        int top = Border.replicate(y - r, h) * w;
        int bottom = Border.replicate(y + r + 1, h) * w;
        for (int dx = -r; dx <= r; dx++) {
            int c = Border.replicate(dx, w);
            for (int i = 0; i < 2 * r; i++) {
                shared[src[rows[i] + c] & 0xFF]++;
            }
            ownA[src[top + c] & 0xFF]++;
            ownB[src[bottom + c] & 0xFF]++;
        }
        int ma = 0;
        int belowA = 0;
        while (belowA + shared[ma] + ownA[ma] <= rank) {
            belowA += shared[ma] + ownA[ma];
            ma++;
        }
        int mb = 0;
        int belowB = 0;
        while (belowB + shared[mb] + ownB[mb] <= rank) {
            belowB += shared[mb] + ownB[mb];
            mb++;
        }
        int da = y * w;
        int db = da + w;
        dst[da] = (byte) ma;
        dst[db] = (byte) mb;
        for (int x = 1; x < w; x++) {
            int out = Border.replicate(x - r - 1, w);
            int in = Border.replicate(x + r, w);
            for (int i = 0; i < 2 * r; i++) {
                int vo = src[rows[i] + out] & 0xFF;
                int vi = src[rows[i] + in] & 0xFF;
                shared[vo]--;
                shared[vi]++;
                // branch-free "value < m": the sign bit of value - m
                belowA += ((vi - ma) >>> 31) - ((vo - ma) >>> 31);
                belowB += ((vi - mb) >>> 31) - ((vo - mb) >>> 31);
            }
            int vo = src[top + out] & 0xFF;
            int vi = src[top + in] & 0xFF;
            ownA[vo]--;
            ownA[vi]++;
            belowA += ((vi - ma) >>> 31) - ((vo - ma) >>> 31);
            vo = src[bottom + out] & 0xFF;
            vi = src[bottom + in] & 0xFF;
            ownB[vo]--;
            ownB[vi]++;
            belowB += ((vi - mb) >>> 31) - ((vo - mb) >>> 31);
            while (belowA > rank) {
                ma--;
                belowA -= shared[ma] + ownA[ma];
            }
            while (belowA + shared[ma] + ownA[ma] <= rank) {
                belowA += shared[ma] + ownA[ma];
                ma++;
            }
            while (belowB > rank) {
                mb--;
                belowB -= shared[mb] + ownB[mb];
            }
            while (belowB + shared[mb] + ownB[mb] <= rank) {
                belowB += shared[mb] + ownB[mb];
                mb++;
            }
            dst[da + x] = (byte) ma;
            dst[db + x] = (byte) mb;
        }
    }

    /** Output row {@code y} alone (a last odd row): one histogram slides along it (Huang). */
    private void row(byte[] src, int w, int h, int y, byte[] dst) {
        int r = radius;
        int[] rowStart = new int[2 * r + 1];
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
