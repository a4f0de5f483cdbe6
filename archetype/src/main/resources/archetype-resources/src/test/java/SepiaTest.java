package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffle.handler.Inputs;
import dev.riffle.media.VideoFrame;
import org.junit.jupiter.api.Test;

/** The handler runs on the JVM too: test it here, the browser runs the same code. */
class SepiaTest {
    private static VideoFrame run(int rgba, Object strength) {
        VideoFrame in = VideoFrame.allocate(2, 2);
        for (int i = 0; i < in.pixelCount(); i++) {
            in.setPixel(i, rgba);
        }
        VideoFrame out = VideoFrame.allocate(2, 2);
        new Sepia().handle(in, out, Inputs.of(strength));
        return out;
    }

    @Test
    void fullStrength_tonesGrayToSepia() {
        VideoFrame out = run(VideoFrame.rgba(100, 100, 100, 255), 100);
        assertEquals(VideoFrame.rgba(135, 120, 93, 255), out.pixel(1, 1));
    }

    @Test
    void zeroStrength_keepsTheFrame() {
        int pixel = VideoFrame.rgba(10, 200, 30, 255);
        assertEquals(pixel, run(pixel, 0).pixel(0, 0));
    }
}
