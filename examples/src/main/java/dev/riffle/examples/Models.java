package dev.riffle.examples;

import dev.riffle.server.models.PaddleOcr;
import dev.riffle.server.models.SileroVad;

/**
 * The models the gallery's demos share, each loaded once when the first demo that needs it is built, and closed
 * with the server.
 */
public final class Models implements AutoCloseable {
    private SileroVad vad;
    private PaddleOcr ocr;

    /** Silero VAD v5; fails naming {@code ./dev models} when the file is missing. */
    public synchronized SileroVad vad() {
        if (vad == null) {
            vad = SileroVad.load();
        }
        return vad;
    }

    /** PaddleOCR PP-OCRv4 detection and recognition. */
    public synchronized PaddleOcr ocr() {
        if (ocr == null) {
            ocr = PaddleOcr.load();
        }
        return ocr;
    }

    @Override
    public synchronized void close() {
        if (vad != null) {
            vad.close();
            vad = null;
        }
        if (ocr != null) {
            ocr.close();
            ocr = null;
        }
    }
}
