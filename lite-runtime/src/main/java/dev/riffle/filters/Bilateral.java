package dev.riffle.filters;

/**
 * OpenCV's {@code bilateralFilter} for 8-bit 3-channel images held in interleaved {@code int[]}: taps inside a
 * circle of radius {@code d / 2}, spatial weight {@code exp(-r^2 / (2 sigmaSpace^2))}, colour weight
 * {@code exp(-L1^2 / (2 sigmaColor^2))} on the sum of the channel differences, float accumulation, reflect-101
 * borders, round half to even. Internal.
 */
final class Bilateral {
    private static final int CN = 3;

    private final int radius;
    private final float[] colorWeight = new float[256 * CN];
    private final float[] spaceWeight;
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
            colorWeight[i] = (float) Math.exp(i * i * colorCoeff);
        }
        int side = 2 * radius + 1;
        float[] weights = new float[side * side];
        int[] dys = new int[side * side];
        int[] dxs = new int[side * side];
        int count = 0;
        for (int i = -radius; i <= radius; i++) {
            for (int j = -radius; j <= radius; j++) {
                double r = Math.sqrt((double) i * i + (double) j * j);
                if (r > radius) {
                    continue;
                }
                weights[count] = (float) Math.exp(r * r * spaceCoeff);
                dys[count] = i;
                dxs[count] = j;
                count++;
            }
        }
        spaceWeight = new float[count];
        spaceDy = new int[count];
        spaceDx = new int[count];
        System.arraycopy(weights, 0, spaceWeight, 0, count);
        System.arraycopy(dys, 0, spaceDy, 0, count);
        System.arraycopy(dxs, 0, spaceDx, 0, count);
    }

    /** Filters {@code src} ({@code w x h}) into {@code dst}; the two must be different arrays. */
    void apply(int[] src, int w, int h, int[] dst) {
        int pw = w + 2 * radius;
        int ph = h + 2 * radius;
        if (padded.length < pw * ph * CN) {
            padded = new int[pw * ph * CN];
        }
        int[] pad = padded;
        for (int y = 0; y < ph; y++) {
            int sy = Border.reflect101(y - radius, h) * w * CN;
            int py = y * pw * CN;
            for (int x = 0; x < pw; x++) {
                int s = sy + Border.reflect101(x - radius, w) * CN;
                int p = py + x * CN;
                pad[p] = src[s];
                pad[p + 1] = src[s + 1];
                pad[p + 2] = src[s + 2];
            }
        }
        int taps = spaceWeight.length;
        int[] offsets = new int[taps];
        for (int k = 0; k < taps; k++) {
            offsets[k] = (spaceDy[k] * pw + spaceDx[k]) * CN;
        }
        float[] cw = colorWeight;
        float[] sw = spaceWeight;
        for (int y = 0; y < h; y++) {
            int rowBase = ((y + radius) * pw + radius) * CN;
            int d = y * w * CN;
            for (int x = 0; x < w; x++) {
                int center = rowBase + x * CN;
                int c0 = pad[center];
                int c1 = pad[center + 1];
                int c2 = pad[center + 2];
                float sum0 = 0;
                float sum1 = 0;
                float sum2 = 0;
                float wsum = 0;
                for (int k = 0; k < taps; k++) {
                    int p = center + offsets[k];
                    int v0 = pad[p];
                    int v1 = pad[p + 1];
                    int v2 = pad[p + 2];
                    int diff = Math.abs(v0 - c0) + Math.abs(v1 - c1) + Math.abs(v2 - c2);
                    float wt = sw[k] * cw[diff];
                    sum0 += v0 * wt;
                    sum1 += v1 * wt;
                    sum2 += v2 * wt;
                    wsum += wt;
                }
                float inv = 1.0f / wsum;
                dst[d + x * CN] = clamp((int) Math.rint(sum0 * inv));
                dst[d + x * CN + 1] = clamp((int) Math.rint(sum1 * inv));
                dst[d + x * CN + 2] = clamp((int) Math.rint(sum2 * inv));
            }
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }
}
