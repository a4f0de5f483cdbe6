package dev.riffle.examples;

import dev.riffle.server.models.SileroVad;

/**
 * The models the gallery's demos share, loaded on first use (a gallery without audio demos opened never loads
 * ONNX Runtime) and closed with the server.
 */
public final class Models implements AutoCloseable {
    private SileroVad vad;

    /** Silero VAD v5; fails naming {@code ./dev models} when the file is missing. */
    public synchronized SileroVad vad() {
        if (vad == null) {
            vad = SileroVad.load();
        }
        return vad;
    }

    @Override
    public synchronized void close() {
        if (vad != null) {
            vad.close();
            vad = null;
        }
    }
}
