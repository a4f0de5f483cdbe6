package dev.riffle.server.wire;

/** How a video frame travels in a binary WebSocket message. */
public enum FrameFormat {
    /** Raw RGBA bytes, 4 per pixel, rows top to bottom: exact, 1.2 MB per 640x480 frame. */
    RAW(1),
    /** A baseline JPEG image, as Gradio sends webcam frames: lossy, ~30-60 KB per 640x480 frame. */
    JPEG(2);

    final int code;

    FrameFormat(int code) {
        this.code = code;
    }

    /** The format named in a control message ({@code "raw"} or {@code "jpeg"}), or {@code null} if unknown. */
    public static FrameFormat named(String name) {
        for (FrameFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    static FrameFormat ofCode(int code) {
        for (FrameFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
