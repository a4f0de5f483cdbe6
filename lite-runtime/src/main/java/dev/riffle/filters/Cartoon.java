package dev.riffle.filters;

import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import java.nio.ByteBuffer;

/**
 * The seed's cartoon filter:
 * <ol>
 * <li>colour: {@code pyrDown} twice, {@code bilateralFilter(d=9, sigmaColor=9, sigmaSpace=7)} six times,
 * {@code pyrUp} twice;</li>
 * <li>edges: {@code RGB2GRAY}, {@code medianBlur(7)}, {@code adaptiveThreshold(255, MEAN_C, BINARY, 9, 2)};</li>
 * <li>{@code bitwise_and} of the two.</li>
 * </ol>
 * Every step but the bilateral filter uses OpenCV's integer arithmetic and gives OpenCV's bytes; the bilateral filter
 * uses OpenCV's float weight tables but sums in double, so its result may differ from OpenCV's float sums by a level
 * or two - and is the same, byte for byte, on the JVM and in the browser's WebAssembly (float sums were not: TeaVM's
 * WebAssembly and the JVM rounded some of them differently).
 *
 * <p><b>Sizes not divisible by 4.</b> Two {@code pyrDown}s round up and two {@code pyrUp}s double, so the colour
 * layer comes back up to 3 pixels wider or taller than the frame (641x479 gives 644x480) and OpenCV's
 * {@code bitwise_and} refuses the pair. Riffle crops the colour layer to the frame, keeping its top-left corner, so
 * the output always has the input's size; for sizes divisible by 4 nothing is cropped.
 *
 * <p>Instances keep their scratch buffers between frames, sized to the frame (about 16 bytes a pixel, images as
 * bytes, sums as ints) and replaced when the size changes: use one instance per stream.
 */
public final class Cartoon implements VideoHandler {
    private static final int CN = 3;

    private final Bilateral bilateral = new Bilateral(9, 9, 7);
    private final Median median = new Median(7);
    private final MeanThreshold threshold = new MeanThreshold(9, 2);
    private int width;
    private int height;
    private byte[] rgb;
    private byte[] gray;
    private byte[] blurred;
    private byte[] mask;
    private byte[] half;
    private byte[] quarterA;
    private byte[] quarterB;
    private byte[] upHalf;
    private byte[] upFull;
    private int[] scratch;
    private byte[] line;

    @Override
    public void handle(VideoFrame in, VideoFrame out, Inputs inputs) {
        Frames.requireSameSize(in, out);
        int w = in.width();
        int h = in.height();
        ensure(w, h);
        // a row of RGBA bytes at a time in one bulk copy (a pixel at a time through the frame's buffer costs more)
        byte[] rgba = line;
        ByteBuffer pixels = in.buffer();
        for (int y = 0; y < h; y++) {
            pixels.get(y * w * 4, rgba, 0, w * 4);
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int r = rgba[4 * x] & 0xFF;
                int g = rgba[4 * x + 1] & 0xFF;
                int b = rgba[4 * x + 2] & 0xFF;
                int q = (o + x) * CN;
                rgb[q] = (byte) r;
                rgb[q + 1] = (byte) g;
                rgb[q + 2] = (byte) b;
                gray[o + x] = (byte) Frames.luma(r, g, b);
            }
        }
        // colour
        int w1 = Pyramid.downSize(w);
        int h1 = Pyramid.downSize(h);
        int w2 = Pyramid.downSize(w1);
        int h2 = Pyramid.downSize(h1);
        Pyramid.down(rgb, w, h, half, scratch);
        Pyramid.down(half, w1, h1, quarterA, scratch);
        byte[] src = quarterA;
        byte[] dst = quarterB;
        for (int k = 0; k < 6; k++) {
            bilateral.apply(src, w2, h2, dst);
            byte[] t = src;
            src = dst;
            dst = t;
        }
        Pyramid.up(src, w2, h2, upHalf, scratch);
        Pyramid.up(upHalf, 2 * w2, 2 * h2, upFull, scratch);
        // edges
        median.apply(gray, w, h, blurred);
        threshold.apply(blurred, w, h, mask);
        // combine, cropping the colour layer to the frame
        int upWidth = 4 * w2;
        ByteBuffer target = out.buffer();
        for (int y = 0; y < h; y++) {
            int c = y * upWidth * CN;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                byte m = mask[o + x];
                int q = c + x * CN;
                rgba[4 * x] = (byte) (upFull[q] & m);
                rgba[4 * x + 1] = (byte) (upFull[q + 1] & m);
                rgba[4 * x + 2] = (byte) (upFull[q + 2] & m);
                rgba[4 * x + 3] = (byte) 255;
            }
            target.put(y * w * 4, rgba, 0, w * 4);
        }
    }

    private void ensure(int w, int h) {
        if (w == width && h == height) {
            return;
        }
        width = w;
        height = h;
        int w1 = Pyramid.downSize(w);
        int h1 = Pyramid.downSize(h);
        int w2 = Pyramid.downSize(w1);
        int h2 = Pyramid.downSize(h1);
        line = new byte[w * 4];
        rgb = new byte[w * h * CN];
        gray = new byte[w * h];
        blurred = new byte[w * h];
        mask = new byte[w * h];
        half = new byte[w1 * h1 * CN];
        quarterA = new byte[w2 * h2 * CN];
        quarterB = new byte[w2 * h2 * CN];
        upHalf = new byte[4 * w2 * h2 * CN];
        upFull = new byte[16 * w2 * h2 * CN];
        // scratch rows: the largest of pyrDown (h * w1) and pyrUp (2 * h2 * 4 * w2) needs
        scratch = new int[Math.max(h * w1, 2 * h2 * 4 * w2) * CN];
    }
}
