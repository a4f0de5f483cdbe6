package dev.riffle.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One video frame: {@code width x height} RGBA pixels, 4 bytes each, rows top to bottom, no padding.
 *
 * <p>The pixels live in a {@link ByteBuffer} so that the same filter code runs on the JVM (a heap buffer) and in the
 * browser, where the Lite runtime keeps frames in WebAssembly linear memory (a direct buffer) and JavaScript writes
 * the camera's pixels straight into it - no copy into a Java array per frame. The buffer is little-endian, so
 * {@link #pixel(int)} packs a pixel as {@code R | G << 8 | B << 16 | A << 24}.
 *
 * <pre>{@code
 * VideoFrame frame = VideoFrame.allocate(640, 480);
 * frame.setPixel(0, 0, VideoFrame.rgba(255, 0, 0, 255));   // a red top-left pixel
 * }</pre>
 */
public final class VideoFrame {
    /** The largest width or height accepted: larger frames are refused rather than allocated. */
    public static final int MAX_DIMENSION = 8192;

    private final int width;
    private final int height;
    private final ByteBuffer pixels;

    private VideoFrame(int width, int height, ByteBuffer pixels) {
        checkSize(width, height);
        int needed = width * height * 4;
        if (pixels.capacity() < needed) {
            throw new IllegalArgumentException("A " + width + "x" + height + " RGBA frame needs " + needed
                    + " bytes, but the buffer holds " + pixels.capacity());
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Allocates a frame on the Java heap, all pixels transparent black. */
    public static VideoFrame allocate(int width, int height) {
        checkSize(width, height);
        return new VideoFrame(width, height, ByteBuffer.allocate(width * height * 4));
    }

    /**
     * Allocates a frame in native memory - in the browser, in WebAssembly linear memory, where JavaScript can view
     * it without copying.
     */
    public static VideoFrame allocateDirect(int width, int height) {
        checkSize(width, height);
        return new VideoFrame(width, height, ByteBuffer.allocateDirect(width * height * 4));
    }

    /** Wraps existing RGBA bytes (no copy): changes to the array show in the frame and back. */
    public static VideoFrame wrap(int width, int height, byte[] rgba) {
        return new VideoFrame(width, height, ByteBuffer.wrap(rgba));
    }

    /** Wraps a buffer holding at least {@code width * height * 4} RGBA bytes from index 0 (no copy). */
    public static VideoFrame wrap(int width, int height, ByteBuffer rgba) {
        return new VideoFrame(width, height, rgba);
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("Frame size must be 1.." + MAX_DIMENSION + " on each side, got "
                    + width + "x" + height);
        }
    }

    /** Packs four 0..255 channel values into the pixel layout of {@link #pixel(int)}. */
    public static int rgba(int r, int g, int b, int a) {
        return (r & 0xFF) | (g & 0xFF) << 8 | (b & 0xFF) << 16 | (a & 0xFF) << 24;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The number of pixels, {@code width * height}. */
    public int pixelCount() {
        return width * height;
    }

    /** The backing buffer (little-endian); index {@code 4 * i} is the red byte of pixel {@code i}. */
    public ByteBuffer buffer() {
        return pixels;
    }

    /** The packed pixel at index {@code i = y * width + x}: {@code R | G << 8 | B << 16 | A << 24}. */
    public int pixel(int i) {
        return pixels.getInt(i << 2);
    }

    /** Sets the packed pixel at index {@code i = y * width + x}. */
    public void setPixel(int i, int rgba) {
        pixels.putInt(i << 2, rgba);
    }

    /** The packed pixel at column {@code x}, row {@code y}. */
    public int pixel(int x, int y) {
        return pixel(y * width + x);
    }

    /** Sets the packed pixel at column {@code x}, row {@code y}. */
    public void setPixel(int x, int y, int rgba) {
        setPixel(y * width + x, rgba);
    }

    /** Copies the RGBA bytes into a new array (for tests and tools; the Lite path never calls it). */
    public byte[] toByteArray() {
        byte[] out = new byte[width * height * 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixels.get(i);
        }
        return out;
    }

    /** Whether {@code other} has this frame's size. */
    public boolean sameSize(VideoFrame other) {
        return other.width == width && other.height == height;
    }

    @Override
    public String toString() {
        return "VideoFrame[" + width + "x" + height + "]";
    }
}
