package dev.riffle.filters;

/**
 * Gaussian pyramid steps on interleaved 3-channel images held in {@code byte[]} (0..255; sums in {@code int[]} rows), with OpenCV's integer arithmetic:
 * {@code pyrDown} is the 5-tap {@code [1 4 6 4 1]} kernel in each direction, reflect-101 borders,
 * {@code (sum + 128) >> 8}; {@code pyrUp} interpolates with the same kernel on the doubled grid,
 * {@code (sum + 32) >> 6}. Internal.
 */
final class Pyramid {
    private static final int CN = 3;

    private Pyramid() {
    }

    static int downSize(int n) {
        return (n + 1) / 2;
    }

    /**
     * Halves {@code src} ({@code w x h}) into {@code dst} ({@link #downSize} of each), using {@code rows} (at least
     * {@code h * downSize(w) * 3} ints) as scratch.
     */
    static void down(byte[] src, int w, int h, byte[] dst, int[] rows) {
        int dw = downSize(w);
        int dh = downSize(h);
        int rowLen = dw * CN;
        // rows: each channel slides along its row, so an output reads two new values (the window's last two) and
        // keeps three from the output before; only the last outputs need reflect-101 past the right edge
        int fast = w >= 3 ? (w - 3) / 2 + 1 : 0; // outputs x < fast read 2x + 2 <= w - 1 directly
        for (int y = 0; y < h; y++) {
            int s = y * w * CN;
            int r = y * rowLen;
            for (int c = 0; c < CN; c++) {
                int a = src[s + Border.reflect101(-2, w) * CN + c] & 0xFF;
                int b = src[s + Border.reflect101(-1, w) * CN + c] & 0xFF;
                int m = src[s + c] & 0xFF;
                int x = 0;
                for (int p = s + CN + c, o = r + c; x < fast; x++, p += 2 * CN, o += CN) {
                    int d = src[p] & 0xFF;
                    int e = src[p + CN] & 0xFF;
                    rows[o] = a + 4 * (b + d) + 6 * m + e;
                    a = m;
                    b = d;
                    m = e;
                }
                for (; x < dw; x++) {
                    int d = src[s + Border.reflect101(2 * x + 1, w) * CN + c] & 0xFF;
                    int e = src[s + Border.reflect101(2 * x + 2, w) * CN + c] & 0xFF;
                    rows[r + x * CN + c] = a + 4 * (b + d) + 6 * m + e;
                    a = m;
                    b = d;
                    m = e;
                }
            }
        }
        for (int y = 0; y < dh; y++) {
            int r0 = Border.reflect101(2 * y - 2, h) * rowLen;
            int r1 = Border.reflect101(2 * y - 1, h) * rowLen;
            int r2 = Border.reflect101(2 * y, h) * rowLen;
            int r3 = Border.reflect101(2 * y + 1, h) * rowLen;
            int r4 = Border.reflect101(2 * y + 2, h) * rowLen;
            int d = y * rowLen;
            for (int i = 0; i < rowLen; i++) {
                int sum = rows[r0 + i] + 4 * (rows[r1 + i] + rows[r3 + i]) + 6 * rows[r2 + i] + rows[r4 + i];
                dst[d + i] = (byte) ((sum + 128) >> 8);
            }
        }
    }

    /**
     * Doubles {@code src} ({@code w x h}) into {@code dst} ({@code 2w x 2h}), using {@code rows} (at least
     * {@code h * 2w * 3} ints) as scratch.
     */
    static void up(byte[] src, int w, int h, byte[] dst, int[] rows) {
        int dw = 2 * w;
        int rowLen = dw * CN;
        // neighbours on the doubled grid, reflect-101 there: left of 0 is 1, right of w-1 is w-1
        int left0 = Border.reflect101(-2, 2 * w) / 2;
        int rightLast = Border.reflect101(2 * w, 2 * w) / 2;
        // each channel slides along its row: a source value is read once
        for (int y = 0; y < h; y++) {
            int s = y * w * CN;
            int r = y * rowLen;
            for (int c = 0; c < CN; c++) {
                int a = src[s + left0 * CN + c] & 0xFF;
                int b = src[s + c] & 0xFF;
                for (int x = 0, o = r + c; x < w; x++, o += 2 * CN) {
                    int n = src[s + (x == w - 1 ? rightLast : x + 1) * CN + c] & 0xFF;
                    rows[o] = a + 6 * b + n;
                    rows[o + CN] = 4 * (b + n);
                    a = b;
                    b = n;
                }
            }
        }
        int top0 = Border.reflect101(-2, 2 * h) / 2;
        int bottomLast = Border.reflect101(2 * h, 2 * h) / 2;
        for (int y = 0; y < h; y++) {
            int ra = (y == 0 ? top0 : y - 1) * rowLen;
            int rb = y * rowLen;
            int rn = (y == h - 1 ? bottomLast : y + 1) * rowLen;
            int d0 = 2 * y * rowLen;
            int d1 = d0 + rowLen;
            for (int i = 0; i < rowLen; i++) {
                int b = rows[rb + i];
                int n = rows[rn + i];
                dst[d0 + i] = (byte) ((rows[ra + i] + 6 * b + n + 32) >> 6);
                dst[d1 + i] = (byte) ((4 * (b + n) + 32) >> 6);
            }
        }
    }
}
