package dev.riffle.filters;

import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;

/** Flips a frame upside down, the seed's {@code np.flipud(frame)}: row {@code y} of the output is row
 * {@code height - 1 - y} of the input, every channel (alpha too) unchanged. */
public final class Flip implements VideoHandler {
    @Override
    public void handle(VideoFrame in, VideoFrame out, Inputs inputs) {
        Frames.requireSameSize(in, out);
        int rowBytes = in.width() * 4;
        int h = in.height();
        for (int y = 0; y < h; y++) {
            out.buffer().put(y * rowBytes, in.buffer(), (h - 1 - y) * rowBytes, rowBytes);
        }
    }
}
