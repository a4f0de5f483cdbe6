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
        int[] tab = new int[5 * dw];
        for (int x = 0; x < dw; x++) {
            for (int k = 0; k < 5; k++) {
                tab[x * 5 + k] = Border.reflect101(2 * x + k - 2, w) * CN;
            }
        }
        for (int y = 0; y < h; y++) {
            int s = y * w * CN;
            int r = y * rowLen;
            for (int x = 0; x < dw; x++) {
                int t = x * 5;
                int p0 = s + tab[t];
                int p1 = s + tab[t + 1];
                int p2 = s + tab[t + 2];
                int p3 = s + tab[t + 3];
                int p4 = s + tab[t + 4];
                for (int c = 0; c < CN; c++) {
                    rows[r + x * CN + c] = (src[p0 + c] & 0xFF) + 4 * ((src[p1 + c] & 0xFF) + (src[p3 + c] & 0xFF))
                            + 6 * (src[p2 + c] & 0xFF) + (src[p4 + c] & 0xFF);
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
        for (int y = 0; y < h; y++) {
            int s = y * w * CN;
            int r = y * rowLen;
            for (int x = 0; x < w; x++) {
                int xl = x == 0 ? left0 : x - 1;
                int xr = x == w - 1 ? rightLast : x + 1;
                for (int c = 0; c < CN; c++) {
                    int a = src[s + xl * CN + c] & 0xFF;
                    int b = src[s + x * CN + c] & 0xFF;
                    int n = src[s + xr * CN + c] & 0xFF;
                    rows[r + 2 * x * CN + c] = a + 6 * b + n;
                    rows[r + (2 * x + 1) * CN + c] = 4 * (b + n);
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
