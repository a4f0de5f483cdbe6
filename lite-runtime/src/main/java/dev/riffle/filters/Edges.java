package dev.riffle.filters;

import java.util.Arrays;

import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;

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
    private int capacity;
    private int[] mag = new int[0];
    private int[] dx = new int[0];
    private int[] dy = new int[0];
    private byte[] map = new byte[0];
    private int[] stack = new int[0];
    private int top;
    private final int[][] rows = new int[3][];

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
        if (padded > capacity) {
            capacity = padded;
            mag = new int[padded];
            dx = new int[padded];
            dy = new int[padded];
            map = new byte[padded];
            stack = new int[padded];
        }
        if (rows[0] == null || rows[0].length < w + 2) {
            for (int i = 0; i < 3; i++) {
                rows[i] = new int[w + 2];
            }
        }
    }

    /** Reads source row {@code y} (replicated) into {@code row}, one packed pixel per column plus a replicated
     * column on each side. */
    private static void readRow(VideoFrame in, int y, int[] row) {
        int w = in.width();
        int base = Border.replicate(y, in.height()) * w;
        for (int x = 0; x < w; x++) {
            row[x + 1] = in.pixel(base + x);
        }
        row[0] = row[1];
        row[w + 1] = row[w];
    }

    private void gradients(VideoFrame in, int w, int h) {
        int mw = w + 2;
        Arrays.fill(mag, 0, mw, 0);
        Arrays.fill(mag, (h + 1) * mw, (h + 2) * mw, 0);
        int[] above = rows[0];
        int[] cur = rows[1];
        int[] below = rows[2];
        readRow(in, -1, above);
        readRow(in, 0, cur);
        for (int y = 0; y < h; y++) {
            readRow(in, y + 1, below);
            int m = (y + 1) * mw;
            mag[m] = 0;
            mag[m + w + 1] = 0;
            for (int x = 1; x <= w; x++) {
                int bestMag = -1;
                int bestDx = 0;
                int bestDy = 0;
                for (int shift = 0; shift < 24; shift += 8) {
                    int a0 = above[x - 1] >> shift & 0xFF;
                    int a1 = above[x] >> shift & 0xFF;
                    int a2 = above[x + 1] >> shift & 0xFF;
                    int b0 = cur[x - 1] >> shift & 0xFF;
                    int b2 = cur[x + 1] >> shift & 0xFF;
                    int c0 = below[x - 1] >> shift & 0xFF;
                    int c1 = below[x] >> shift & 0xFF;
                    int c2 = below[x + 1] >> shift & 0xFF;
                    int gx = (a2 - a0) + 2 * (b2 - b0) + (c2 - c0);
                    int gy = (c0 + 2 * c1 + c2) - (a0 + 2 * a1 + a2);
                    int g = Math.abs(gx) + Math.abs(gy);
                    if (g > bestMag) {
                        bestMag = g;
                        bestDx = gx;
                        bestDy = gy;
                    }
                }
                mag[m + x] = bestMag;
                dx[m + x] = bestDx;
                dy[m + x] = bestDy;
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
                int ax = Math.abs(xs);
                int ay = Math.abs(ys) << SHIFT;
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
