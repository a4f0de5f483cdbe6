package dev.riffle.filters;

/** Border extrapolation, as OpenCV's {@code borderInterpolate} defines it. Internal. */
final class Border {
    private Border() {
    }

    /** {@code BORDER_REFLECT_101}: {@code gfedcb|abcdefgh|gfedcba}; a 1-long axis always gives 0. */
    static int reflect101(int p, int len) {
        if (len == 1) {
            return 0;
        }
        while (p < 0 || p >= len) {
            p = p < 0 ? -p : 2 * len - 2 - p;
        }
        return p;
    }

    /** {@code BORDER_REPLICATE}: {@code aaaaaa|abcdefgh|hhhhhhh}. */
    static int replicate(int p, int len) {
        return p < 0 ? 0 : p >= len ? len - 1 : p;
    }
}
