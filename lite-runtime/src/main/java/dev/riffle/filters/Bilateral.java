package dev.riffle.filters;

import dev.riffle.media.PortableMath;

/**
 * OpenCV's {@code bilateralFilter} for 8-bit 3-channel images held in interleaved {@code byte[]}: taps inside a
 * circle of radius {@code d / 2}, spatial weight {@code exp(-r^2 / (2 sigmaSpace^2))}, colour weight
 * {@code exp(-L1^2 / (2 sigmaColor^2))} on the sum of the channel differences, reflect-101 borders, round half to even.
 * The weights are OpenCV's float values, computed with {@link PortableMath#exp} (kept as doubles, so the inner loop
 * converts nothing; the values are the floats'); the sums are doubles. Both choices
 * make the JVM and TeaVM's WebAssembly give the same bytes: {@code Math.exp} and float sums did not (the browser's
 * {@code exp} differs in the last bit for some arguments, and some float sums came out one level apart). Internal.
 */
final class Bilateral {
    private static final int CN = 3;

    private final int radius;
    private final double[] colorWeight = new double[256 * CN];
    private final double[] spaceWeight;
    private final int[] spaceDy;
    private final int[] spaceDx;
    /** The circle's rows of taps: each row's dy, half width m (its taps are dx = -m..m) and first tap's index. */
    private final int[] rowDy;
    private final int[] rowHalf;
    private final int[] rowFirst;
    private int[] padded = new int[0];

    Bilateral(int d, double sigmaColor, double sigmaSpace) {
        if (sigmaColor <= 0) {
            sigmaColor = 1;
        }
        if (sigmaSpace <= 0) {
            sigmaSpace = 1;
        }
        double colorCoeff = -0.5 / (sigmaColor * sigmaColor);
        double spaceCoeff = -0.5 / (sigmaSpace * sigmaSpace);
        radius = Math.max(d <= 0 ? (int) Math.rint(sigmaSpace * 1.5) : d / 2, 1);
        for (int i = 0; i < colorWeight.length; i++) {
            colorWeight[i] = (float) PortableMath.exp(i * i * colorCoeff);   // rounded to float, as OpenCV's
        }
        int side = 2 * radius + 1;
        double[] weights = new double[side * side];
        int[] dys = new int[side * side];
        int[] dxs = new int[side * side];
        int count = 0;
        for (int i = -radius; i <= radius; i++) {
            for (int j = -radius; j <= radius; j++) {
                double r = Math.sqrt((double) i * i + (double) j * j);
                if (r > radius) {
                    continue;
                }
                weights[count] = (float) PortableMath.exp(r * r * spaceCoeff);
                dys[count] = i;
                dxs[count] = j;
                count++;
            }
        }
        spaceWeight = new double[count];
        spaceDy = new int[count];
        spaceDx = new int[count];
        System.arraycopy(weights, 0, spaceWeight, 0, count);
        System.arraycopy(dys, 0, spaceDy, 0, count);
        System.arraycopy(dxs, 0, spaceDx, 0, count);
        // every dy from -radius to radius has taps (dx = 0 at least), dx = -m..m, in the tap order above
        rowDy = new int[side];
        rowHalf = new int[side];
        rowFirst = new int[side];
        for (int k = 0, row = -1; k < count; k++) {
            if (k == 0 || spaceDy[k] != spaceDy[k - 1]) {
                row++;
                rowDy[row] = spaceDy[k];
                rowHalf[row] = -spaceDx[k];
                rowFirst[row] = k;
            }
        }
    }

    /** Filters {@code src} ({@code w x h}) into {@code dst}; the two must be different arrays. */
    void apply(byte[] src, int w, int h, byte[] dst) {
        int pw = w + 2 * radius;
        int ph = h + 2 * radius;
        if (padded.length != pw * ph) {
            // sized to the frame: a smaller frame lets the larger buffer go
            padded = new int[pw * ph];
        }
        // one int a pixel, a channel in each 10-bit lane (R | G << 10 | B << 20): a tap reads one element, and
        // the colour distance takes the three channels at once (see below)
        int[] pad = padded;
        for (int y = 0; y < ph; y++) {
            int sy = Border.reflect101(y - radius, h) * w * CN;
            int py = y * pw;
            for (int x = 0; x < pw; x++) {
                int s = sy + Border.reflect101(x - radius, w) * CN;
                pad[py + x] = (src[s] & 0xFF) | (src[s + 1] & 0xFF) << 10 | (src[s + 2] & 0xFF) << 20;
            }
        }
        int taps = spaceWeight.length;
        int[] offsets = new int[taps];
        for (int k = 0; k < taps; k++) {
            offsets[k] = spaceDy[k] * pw + spaceDx[k];
        }
        int rows = rowDy.length;
        int[] rowOffset = new int[rows];
        for (int i = 0; i < rows; i++) {
            rowOffset[i] = rowDy[i] * pw;
        }
        double[] cw = colorWeight;
        double[] sw = spaceWeight;
        for (int y = 0; y < h; y++) {
            int rowBase = (y + radius) * pw + radius;
            int d = y * w * CN;
            // two neighbouring pixels at a time, a and b = a + 1: along a row of taps, b's taps are a's shifted by
            // one, so each value is read, unpacked and converted once for both; their sums are independent, so the
            // adds overlap. Each pixel still adds its taps in OpenCV's order (rows top down, dx left to right).
            int x = 0;
            for (; x + 1 < w; x += 2) {
                int ca = rowBase + x;
                int ka = LANE_BIAS - pad[ca];
                int kb = LANE_BIAS - pad[ca + 1];
                double as0 = 0;
                double as1 = 0;
                double as2 = 0;
                double aw = 0;
                double bs0 = 0;
                double bs1 = 0;
                double bs2 = 0;
                double bw = 0;
                for (int i = 0; i < rows; i++) {
                    int m = rowHalf[i];
                    int p = ca + rowOffset[i] - m; // a's tap dx = -m
                    int t = rowFirst[i];
                    // a's first tap: left of b's
                    int u = pad[p];
                    double sa = sw[t];
                    double wa = sa * cw[distance(u + ka)];
                    as0 += (u & LANE) * wa;
                    as1 += (u >> 10 & LANE) * wa;
                    as2 += (u >>> 20) * wa;
                    aw += wa;
                    // shared: a's dx = j - m, b's dx = j - 1 - m
                    for (int j = 1; j <= 2 * m; j++) {
                        u = pad[p + j];
                        double u0 = u & LANE;
                        double u1 = u >> 10 & LANE;
                        double u2 = u >>> 20;
                        // b's spatial weight here is a's at the previous tap
                        double wb = sa * cw[distance(u + kb)];
                        sa = sw[t + j];
                        wa = sa * cw[distance(u + ka)];
                        as0 += u0 * wa;
                        as1 += u1 * wa;
                        as2 += u2 * wa;
                        aw += wa;
                        bs0 += u0 * wb;
                        bs1 += u1 * wb;
                        bs2 += u2 * wb;
                        bw += wb;
                    }
                    // b's last tap: right of a's
                    u = pad[p + 2 * m + 1];
                    double wb = sa * cw[distance(u + kb)];
                    bs0 += (u & LANE) * wb;
                    bs1 += (u >> 10 & LANE) * wb;
                    bs2 += (u >>> 20) * wb;
                    bw += wb;
                }
                store(dst, d + x * CN, as0, as1, as2, aw);
                store(dst, d + (x + 1) * CN, bs0, bs1, bs2, bw);
            }
            if (x < w) {
                // an odd width's last pixel, alone
                int c = rowBase + x;
                int k0 = LANE_BIAS - pad[c];
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double ws = 0;
                for (int k = 0; k < taps; k++) {
                    int u = pad[c + offsets[k]];
                    double wt = sw[k] * cw[distance(u + k0)];
                    s0 += (u & LANE) * wt;
                    s1 += (u >> 10 & LANE) * wt;
                    s2 += (u >>> 20) * wt;
                    ws += wt;
                }
                store(dst, d + x * CN, s0, s1, s2, ws);
            }
        }
    }

    private static final int LANE = 0x3FF;
    /** 512 in each 10-bit lane. */
    private static final int LANE_BIAS = 0x20080200;
    /** 1 in each lane. */
    private static final int LANE_ONES = 0x00100401;
    /** The low 9 bits of each lane. */
    private static final int LANE_LOW9 = 0x1FF7FDFF;

    /**
     * The L1 colour distance |u0-a0| + |u1-a1| + |u2-a2| from {@code biased} = u + (512 - a) lane by lane (each lane
     * 257..767: bit 9 set when u >= a, and the low 9 bits then hold u - a, else 512 - (a - u)). The negative lanes
     * are negated (ones' complement of 9 bits, plus one); a multiply by 1 + 2^10 + 2^20 adds the three lanes into
     * bits 20..29 (each partial sum stays below 1024, so nothing carries into them).
     */
    static int distance(int biased) {
        int negative = (biased >>> 9 & LANE_ONES) ^ LANE_ONES;
        int abs = ((biased & LANE_LOW9) ^ negative * 0x1FF) + negative;
        return abs * 0x100401 >>> 20 & LANE;
    }

    private static void store(byte[] dst, int at, double sum0, double sum1, double sum2, double wsum) {
        double inv = 1.0 / wsum;
        dst[at] = (byte) clamp((int) Math.rint(sum0 * inv));
        dst[at + 1] = (byte) clamp((int) Math.rint(sum1 * inv));
        dst[at + 2] = (byte) clamp((int) Math.rint(sum2 * inv));
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }
}
