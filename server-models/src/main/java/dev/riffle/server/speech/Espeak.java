package dev.riffle.server.speech;

import dev.riffle.media.AudioChunk;
import dev.riffle.media.Wav;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Text to speech with the espeak-ng command (Debian's {@code espeak-ng} package): a real voice for server-to-client
 * audio and for tests' fake microphones. Deterministic: the same text, voice and speed give the same samples.
 */
public final class Espeak {
    private final String voice;
    private final int wordsPerMinute;

    public Espeak(String voice, int wordsPerMinute) {
        this.voice = voice;
        this.wordsPerMinute = wordsPerMinute;
    }

    /** espeak-ng's defaults: voice en-us at 160 words per minute. */
    public static Espeak defaults() {
        return new Espeak("en-us", 160);
    }

    /**
     * {@code text} spoken (mono, 22,050 Hz).
     *
     * @throws IllegalStateException when espeak-ng is not installed or fails
     */
    public AudioChunk say(String text) {
        List<String> cmd = new ArrayList<>(List.of("espeak-ng", "--stdout", "-v", voice, "-s",
                String.valueOf(wordsPerMinute), "--", text));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] wav = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("espeak-ng failed (exit " + p.exitValue() + ") on: " + text);
            }
            return Wav.read(wav);
        } catch (IOException e) {
            throw new IllegalStateException("espeak-ng is not installed (apt-get install espeak-ng): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running espeak-ng", e);
        }
    }
}
