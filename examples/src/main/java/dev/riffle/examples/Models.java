package dev.riffle.examples;

import dev.riffle.audio.SpeechToText;
import dev.riffle.server.models.PaddleOcr;
import dev.riffle.server.models.SileroVad;
import dev.riffle.server.speech.Pocketsphinx;

/**
 * The models the gallery's demos share, each loaded once when the first demo that needs it is built, and closed
 * with the server.
 */
public final class Models implements AutoCloseable {
    private SileroVad vad;
    private PaddleOcr ocr;
    private SpeechToText speech;

    /** Silero VAD v5 (fetched on first use); fails saying how to get it when it cannot be had. */
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

    /**
     * Pocketsphinx with the transcription demo's phrases. When it is not installed, a recogniser whose every call
     * fails saying how to install it: the demo's page shows that, and the other demos work.
     */
    public synchronized SpeechToText speech() {
        if (speech == null) {
            speech = Pocketsphinx.installed() ? Pocketsphinx.withPhrases(Transcribe.PHRASES.toArray(String[]::new))
                    : audio -> {
                        throw new IllegalStateException("Pocketsphinx is not installed: apt-get install pocketsphinx"
                                + " pocketsphinx-en-us (./dev examples installs it when run as root)");
                    };
        }
        return speech;
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
