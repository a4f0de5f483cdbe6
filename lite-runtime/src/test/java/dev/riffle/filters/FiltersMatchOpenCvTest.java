package dev.riffle.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.handler.Inputs;
import dev.riffle.media.VideoFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Each built-in filter against OpenCV running the seed's calls on the same RGB pixels. */
class FiltersMatchOpenCvTest {

    static Stream<Arguments> images() {
        List<Arguments> list = new ArrayList<>();
        int[][] sizes = {{640, 480}, {641, 479}, {320, 240}, {17, 13}, {5, 3}, {2, 2}, {1, 1}, {1, 7}, {9, 1}};
        long seed = 1;
        for (int[] s : sizes) {
            list.add(Arguments.of("scene " + s[0] + "x" + s[1], TestImages.scene(s[0], s[1], seed++)));
        }
        list.add(Arguments.of("noise 64x48", TestImages.noise(64, 48, 7)));
        list.add(Arguments.of("noise 33x31", TestImages.noise(33, 31, 8)));
        list.add(Arguments.of("gradient 640x480", TestImages.gradient(640, 480)));
        list.add(Arguments.of("gradient 3x3", TestImages.gradient(3, 3)));
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void flip_isByteIdenticalToFlipud(String name, VideoFrame in) {
        VideoFrame out = run(new Flip(), in);
        assertArrayEquals(OpenCvOracle.bytes(OpenCvOracle.flip(OpenCvOracle.rgb(in))), rgb(out), name);
        for (int i = 0; i < out.pixelCount(); i++) {
            assertEquals(255, out.pixel(i) >>> 24, "alpha kept");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void edges_isByteIdenticalToCanny(String name, VideoFrame in) {
        VideoFrame out = run(new Edges(), in);
        byte[] expected = OpenCvOracle.bytes(OpenCvOracle.edges(OpenCvOracle.rgb(in)));
        byte[] actual = new byte[out.pixelCount()];
        for (int i = 0; i < actual.length; i++) {
            int p = out.pixel(i);
            assertEquals(p & 0xFF, p >> 8 & 0xFF, "gray replicated to G");
            assertEquals(p & 0xFF, p >> 16 & 0xFF, "gray replicated to B");
            assertEquals(0xFF, p >>> 24, "opaque");
            actual[i] = (byte) p;
        }
        assertArrayEquals(expected, actual, name + ": edge pixels differ from OpenCV's Canny");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void edges_findsEdgesInScenes(String name, VideoFrame in) {
        if (in.pixelCount() < 10_000) {
            return;
        }
        VideoFrame out = run(new Edges(), in);
        int on = 0;
        for (int i = 0; i < out.pixelCount(); i++) {
            on += (out.pixel(i) & 0xFF) == 255 ? 1 : 0;
        }
        assertTrue(on > 100 && on < out.pixelCount() / 2, name + ": " + on + " edge pixels");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void pyramid_isByteIdenticalToPyrDownAndPyrUp(String name, VideoFrame in) {
        int w = in.width();
        int h = in.height();
        Mat rgb = OpenCvOracle.rgb(in);
        byte[] src = rgb(in);
        byte[] half = new byte[Pyramid.downSize(w) * Pyramid.downSize(h) * 3];
        Pyramid.down(src, w, h, half, new int[h * Pyramid.downSize(w) * 3]);
        Mat cvHalf = new Mat();
        Imgproc.pyrDown(rgb, cvHalf);
        assertArrayEquals(OpenCvOracle.bytes(cvHalf), half, name + " pyrDown");

        byte[] up = new byte[4 * w * h * 3];
        Pyramid.up(src, w, h, up, new int[h * 2 * w * 3]);
        Mat cvUp = new Mat();
        Imgproc.pyrUp(rgb, cvUp);
        assertArrayEquals(OpenCvOracle.bytes(cvUp), up, name + " pyrUp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void cartoonMask_isByteIdenticalToMedianAndAdaptiveThreshold(String name, VideoFrame in) {
        int w = in.width();
        int h = in.height();
        byte[] gray = new byte[w * h];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) Frames.luma(in.pixel(i));
        }
        Mat cvGray = new Mat();
        Imgproc.cvtColor(OpenCvOracle.rgb(in), cvGray, Imgproc.COLOR_RGB2GRAY);
        assertArrayEquals(OpenCvOracle.bytes(cvGray), gray, name + " RGB2GRAY");

        byte[] blurred = new byte[w * h];
        new Median(7).apply(gray, w, h, blurred);
        Mat cvBlurred = new Mat();
        Imgproc.medianBlur(cvGray, cvBlurred, 7);
        assertArrayEquals(OpenCvOracle.bytes(cvBlurred), blurred, name + " medianBlur");

        byte[] mask = new byte[w * h];
        new MeanThreshold(9, 2).apply(blurred, w, h, mask);
        assertArrayEquals(OpenCvOracle.bytes(OpenCvOracle.cartoonMask(OpenCvOracle.rgb(in))), mask,
                name + " adaptiveThreshold");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void cartoon_matchesOpenCvWithinTwoLevelsOn99Percent(String name, VideoFrame in) {
        VideoFrame out = run(new Cartoon(), in);
        Mat rgb = OpenCvOracle.rgb(in);
        byte[] expected = OpenCvOracle.bytes(OpenCvOracle.cartoon(rgb));
        byte[] mask = OpenCvOracle.bytes(OpenCvOracle.cartoonMask(rgb));
        byte[] actual = rgb(out);
        int close = 0;
        int maxDiff = 0;
        for (int i = 0; i < out.pixelCount(); i++) {
            boolean pixelClose = true;
            for (int c = 0; c < 3; c++) {
                int e = expected[i * 3 + c] & 0xFF;
                int a = actual[i * 3 + c] & 0xFF;
                if (mask[i] == 0) {
                    assertEquals(0, a, name + ": masked pixel " + i + " must be black, as in OpenCV");
                }
                maxDiff = Math.max(maxDiff, Math.abs(e - a));
                pixelClose &= Math.abs(e - a) <= 2;
            }
            close += pixelClose ? 1 : 0;
            assertEquals(255, out.pixel(i) >>> 24, "opaque");
        }
        double share = close / (double) out.pixelCount();
        assertTrue(share >= 0.99, name + ": only " + share + " of pixels within +-2 (max diff " + maxDiff + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void cartoon_keepsTheFrameSize(String name, VideoFrame in) {
        VideoFrame out = run(new Cartoon(), in);
        assertEquals(in.width(), out.width());
        assertEquals(in.height(), out.height());
    }

    static VideoFrame run(dev.riffle.handler.VideoHandler handler, VideoFrame in) {
        VideoFrame out = VideoFrame.allocate(in.width(), in.height());
        handler.handle(in, out, Inputs.none());
        return out;
    }

    static byte[] rgb(VideoFrame frame) {
        byte[] data = new byte[frame.pixelCount() * 3];
        for (int i = 0; i < frame.pixelCount(); i++) {
            int p = frame.pixel(i);
            data[i * 3] = (byte) p;
            data[i * 3 + 1] = (byte) (p >> 8);
            data[i * 3 + 2] = (byte) (p >> 16);
        }
        return data;
    }
}
