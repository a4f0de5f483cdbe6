package dev.riffle.testkit;

import dev.riffle.media.VideoFrame;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Writes Y4M video for Chromium's fake camera ({@code --use-file-for-fake-video-capture}): 4:2:0 planes converted
 * from RGB with BT.601 limited-range coefficients, as Chromium converts them back. Chromium loops the file.
 *
 * <pre>{@code
 * Y4mWriter.write(Path.of("cam.y4m"), 640, 480, 30, 60, TestScenes::moving);
 * }</pre>
 */
public final class Y4mWriter {
    private Y4mWriter() {
    }

    /**
     * Writes {@code count} frames made by {@code frames} (frame index to RGBA frame of {@code width x height}).
     *
     * @throws IllegalArgumentException if a size is odd (4:2:0 needs even sizes) or a frame has the wrong size
     */
    public static Path write(Path file, int width, int height, int fps, int count, IntFunction<VideoFrame> frames)
            throws IOException {
        if (width % 2 != 0 || height % 2 != 0 || width < 2 || height < 2) {
            throw new IllegalArgumentException("Y4M 4:2:0 needs even sizes, got " + width + "x" + height);
        }
        if (fps < 1 || count < 1) {
            throw new IllegalArgumentException("fps and count must be positive, got " + fps + " and " + count);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] y = new byte[width * height];
            byte[] u = new byte[width * height / 4];
            byte[] v = new byte[width * height / 4];
            for (int i = 0; i < count; i++) {
                VideoFrame frame = frames.apply(i);
                if (frame.width() != width || frame.height() != height) {
                    throw new IllegalArgumentException("Frame " + i + " is " + frame + ", expected " + width + "x"
                            + height);
                }
                toI420(frame, y, u, v);
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(y);
                out.write(u);
                out.write(v);
            }
        }
        return file;
    }

    static void toI420(VideoFrame frame, byte[] yPlane, byte[] uPlane, byte[] vPlane) {
        int w = frame.width();
        int h = frame.height();
        for (int row = 0; row < h; row++) {
            for (int x = 0; x < w; x++) {
                int p = frame.pixel(x, row);
                int r = p & 0xFF;
                int g = p >> 8 & 0xFF;
                int b = p >> 16 & 0xFF;
                yPlane[row * w + x] = (byte) clamp(((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
            }
        }
        for (int row = 0; row < h / 2; row++) {
            for (int x = 0; x < w / 2; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int k = 0; k < 4; k++) {
                    int p = frame.pixel(2 * x + (k & 1), 2 * row + (k >> 1));
                    r += p & 0xFF;
                    g += p >> 8 & 0xFF;
                    b += p >> 16 & 0xFF;
                }
                r = (r + 2) / 4;
                g = (g + 2) / 4;
                b = (b + 2) / 4;
                uPlane[row * (w / 2) + x] = (byte) clamp(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
                vPlane[row * (w / 2) + x] = (byte) clamp(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
