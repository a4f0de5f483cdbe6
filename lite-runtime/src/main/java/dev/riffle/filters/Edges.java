package dev.riffle.filters;

import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import java.util.Arrays;

/**
 * Canny edge detection as the seed calls it, {@code cvtColor(Canny(frame, 100, 200), GRAY2BGR)} on the RGB frame:
 * 3x3 Sobel per channel (replicated border), per pixel the channel with the largest L1 magnitude
 * {@code |dx| + |dy|} (the first one on ties), non-maximum suppression in four directions with OpenCV's fixed-point
 * {@code tan(22.5)} test, and hysteresis (above {@code high} starts an edge, above {@code low} continues it,
 * 8-connected). The output is byte-identical to OpenCV's; alpha is 255.
 *
 * <p>Instances keep their scratch buffers between frames: use one instance per stream.
 */
public final class Edges implements VideoHandler {
    private static final int SHIFT = 15;
    private static final int TG22 = 13573; // tan(22.5 degrees) * 2^15, rounded

    private final int low;
    private final int high;
    private int[] mag = new int[0];
    private short[] dx = new short[0];
    private short[] dy = new short[0];
    private byte[] map = new byte[0];
    private int[] stack = new int[0];
    private int top;
    private final int[][] rows = new int[3][];
    private int[] smooth;
    private int[] diff;

    /** The seed's thresholds, 100 and 200. */
    public Edges() {
        this(100, 200);
    }

    /**
     * @param low a pixel above this continues an edge
     * @param high a pixel above this starts an edge
     */
    public Edges(double low, double high) {
        if (low > high) {
            double t = low;
            low = high;
            high = t;
        }
        this.low = (int) Math.floor(low);
        this.high = (int) Math.floor(high);
    }

    @Override
    public void handle(VideoFrame in, VideoFrame out, Inputs inputs) {
        Frames.requireSameSize(in, out);
        int w = in.width();
        int h = in.height();
        ensure(w, h);
        gradients(in, w, h);
        suppress(w, h);
        hysteresis(w, h);
        int mw = w + 2;
        for (int y = 0; y < h; y++) {
            int m = (y + 1) * mw + 1;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                out.setPixel(o + x, Frames.gray(map[m + x] == 2 ? 255 : 0));
            }
        }
    }

    private void ensure(int w, int h) {
        int padded = (w + 2) * (h + 2);
        // sized to the frame: a smaller frame lets the larger buffers go
        if (padded != mag.length) {
            mag = new int[padded];
            dx = new short[padded];
            dy = new short[padded];
            map = new byte[padded];
            stack = new int[padded];
        }
        if (rows[0] == null || rows[0].length != 3 * (w + 2)) {
            for (int i = 0; i < 3; i++) {
                rows[i] = new int[3 * (w + 2)];
            }
            smooth = new int[3 * (w + 2)];
            diff = new int[3 * (w + 2)];
        }
    }

    /** Reads source row {@code y} (replicated) into {@code row} as three planes (R, G, B) of {@code w + 2}
     * values, each with a replicated column on both sides. */
    private static void readRow(VideoFrame in, int y, int[] row) {
        int w = in.width();
        int stride = w + 2;
        int base = Border.replicate(y, in.height()) * w;
        for (int x = 0; x < w; x++) {
            int p = in.pixel(base + x);
            row[x + 1] = p & 0xFF;
            row[stride + x + 1] = p >> 8 & 0xFF;
            row[2 * stride + x + 1] = p >> 16 & 0xFF;
        }
        for (int c = 0; c < 3; c++) {
            row[c * stride] = row[c * stride + 1];
            row[c * stride + w + 1] = row[c * stride + w];
        }
    }

    /**
     * 3x3 Sobel per channel, separably: per column the vertical smoothing {@code a + 2b + c} and difference
     * {@code c - a}, then across columns; keeps the channel with the largest {@code |dx| + |dy|}.
     */
    private void gradients(VideoFrame in, int w, int h) {
        int mw = w + 2;
        Arrays.fill(mag, 0, mw, 0);
        Arrays.fill(mag, (h + 1) * mw, (h + 2) * mw, 0);
        int[] above = rows[0];
        int[] cur = rows[1];
        int[] below = rows[2];
        int[] vs = smooth;
        int[] vd = diff;
        readRow(in, -1, above);
        readRow(in, 0, cur);
        int n = 3 * mw;
        for (int y = 0; y < h; y++) {
            readRow(in, y + 1, below);
            for (int i = 0; i < n; i++) {
                int a = above[i];
                int c = below[i];
                vs[i] = a + 2 * cur[i] + c;
                vd[i] = c - a;
            }
            int m = (y + 1) * mw;
            mag[m] = 0;
            mag[m + w + 1] = 0;
            for (int x = 1; x <= w; x++) {
                int gx = vs[x + 1] - vs[x - 1];
                int gy = vd[x - 1] + 2 * vd[x] + vd[x + 1];
                int best = Frames.abs(gx) + Frames.abs(gy);
                int bestDx = gx;
                int bestDy = gy;
                for (int c = mw; c < n; c += mw) {
                    int cx = vs[c + x + 1] - vs[c + x - 1];
                    int cy = vd[c + x - 1] + 2 * vd[c + x] + vd[c + x + 1];
                    int g = Frames.abs(cx) + Frames.abs(cy);
                    if (g > best) {
                        best = g;
                        bestDx = cx;
                        bestDy = cy;
                    }
                }
                mag[m + x] = best;
                // Sobel of 8-bit values: |dx|, |dy| <= 4 * 255, a short holds them
                dx[m + x] = (short) bestDx;
                dy[m + x] = (short) bestDy;
            }
            int[] t = above;
            above = cur;
            cur = below;
            below = t;
        }
    }

    /** Marks every pixel: 2 = strong edge (pushed on the stack), 0 = weak candidate, 1 = not an edge. */
    private void suppress(int w, int h) {
        int mw = w + 2;
        Arrays.fill(map, 0, mw * (h + 2), (byte) 1);
        top = 0;
        for (int y = 1; y <= h; y++) {
            int row = y * mw;
            for (int x = 1; x <= w; x++) {
                int i = row + x;
                int m = mag[i];
                if (m <= low) {
                    continue;
                }
                int xs = dx[i];
                int ys = dy[i];
                int ax = Frames.abs(xs);
                int ay = Frames.abs(ys) << SHIFT;
                int tg22x = ax * TG22;
                boolean peak;
                if (ay < tg22x) {
                    peak = m > mag[i - 1] && m >= mag[i + 1];
                } else {
                    int tg67x = tg22x + (ax << (SHIFT + 1));
                    if (ay > tg67x) {
                        peak = m > mag[i - mw] && m >= mag[i + mw];
                    } else {
                        int s = (xs ^ ys) < 0 ? -1 : 1;
                        peak = m > mag[i - mw - s] && m > mag[i + mw + s];
                    }
                }
                if (!peak) {
                    continue;
                }
                if (m > high) {
                    map[i] = 2;
                    stack[top++] = i;
                } else {
                    map[i] = 0;
                }
            }
        }
    }

    private void hysteresis(int w, int h) {
        int mw = w + 2;
        int[] around = {-mw - 1, -mw, -mw + 1, -1, 1, mw - 1, mw, mw + 1};
        while (top > 0) {
            int i = stack[--top];
            for (int k = 0; k < 8; k++) {
                int n = i + around[k];
                if (map[n] == 0) {
                    map[n] = 2;
                    stack[top++] = n;
                }
            }
        }
    }
}
