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
    }

    /** Filters {@code src} ({@code w x h}) into {@code dst}; the two must be different arrays. */
    void apply(byte[] src, int w, int h, byte[] dst) {
        int pw = w + 2 * radius;
        int ph = h + 2 * radius;
        if (padded.length != pw * ph * CN) {
            // sized to the frame: a smaller frame lets the larger buffer go
            padded = new int[pw * ph * CN];
        }
        int[] pad = padded;
        for (int y = 0; y < ph; y++) {
            int sy = Border.reflect101(y - radius, h) * w * CN;
            int py = y * pw * CN;
            for (int x = 0; x < pw; x++) {
                int s = sy + Border.reflect101(x - radius, w) * CN;
                int p = py + x * CN;
                pad[p] = src[s] & 0xFF;
                pad[p + 1] = src[s + 1] & 0xFF;
                pad[p + 2] = src[s + 2] & 0xFF;
            }
        }
        int taps = spaceWeight.length;
        int[] offsets = new int[taps];
        for (int k = 0; k < taps; k++) {
            offsets[k] = (spaceDy[k] * pw + spaceDx[k]) * CN;
        }
        double[] cw = colorWeight;
        double[] sw = spaceWeight;
        for (int y = 0; y < h; y++) {
            int rowBase = ((y + radius) * pw + radius) * CN;
            int d = y * w * CN;
            // two pixels at a time: their sums are independent, so the adds overlap; each pixel still adds
            // its taps in OpenCV's order. On an odd width the last pair is the last pixel twice.
            for (int x = 0; x < w; x += 2) {
                int x2 = Math.min(x + 1, w - 1);
                int center = rowBase + x * CN;
                int center2 = rowBase + x2 * CN;
                int a0 = pad[center];
                int a1 = pad[center + 1];
                int a2 = pad[center + 2];
                int b0 = pad[center2];
                int b1 = pad[center2 + 1];
                int b2 = pad[center2 + 2];
                double as0 = 0;
                double as1 = 0;
                double as2 = 0;
                double aw = 0;
                double bs0 = 0;
                double bs1 = 0;
                double bs2 = 0;
                double bw = 0;
                for (int k = 0; k < taps; k++) {
                    int p = center + offsets[k];
                    int q = center2 + offsets[k];
                    double s = sw[k];
                    int u0 = pad[p];
                    int u1 = pad[p + 1];
                    int u2 = pad[p + 2];
                    int v0 = pad[q];
                    int v1 = pad[q + 1];
                    int v2 = pad[q + 2];
                    double wa = s * cw[Frames.abs(u0 - a0) + Frames.abs(u1 - a1) + Frames.abs(u2 - a2)];
                    double wb = s * cw[Frames.abs(v0 - b0) + Frames.abs(v1 - b1) + Frames.abs(v2 - b2)];
                    as0 += u0 * wa;
                    as1 += u1 * wa;
                    as2 += u2 * wa;
                    aw += wa;
                    bs0 += v0 * wb;
                    bs1 += v1 * wb;
                    bs2 += v2 * wb;
                    bw += wb;
                }
                store(dst, d + x * CN, as0, as1, as2, aw);
                store(dst, d + x2 * CN, bs0, bs1, bs2, bw);
            }
        }
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
