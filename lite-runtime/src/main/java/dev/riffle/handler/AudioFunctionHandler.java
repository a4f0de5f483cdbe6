package dev.riffle.handler;

import dev.riffle.media.AudioChunk;
import java.util.Objects;

/**
 * Runs an {@link AudioFunction} as a {@link StreamHandler}: gathers the microphone's chunks into pieces of exactly
 * {@code seconds} and calls the function with each, in order, sending what it returns to the outputs. It sends no
 * audio back (Gradio's streaming audio input; FastRTC's {@code mode="send"}).
 */
public final class AudioFunctionHandler extends StreamHandler {
    private final AudioFunction function;
    private final double seconds;
    private short[] buffer = new short[0];
    private int filled;
    private int rate;

    /**
     * @param seconds the length of each piece the function gets (Gradio's {@code stream_every})
     * @throws IllegalArgumentException unless {@code 0 < seconds <= 60}
     */
    public AudioFunctionHandler(AudioFunction function, double seconds) {
        this.function = Objects.requireNonNull(function, "function");
        if (!(seconds > 0 && seconds <= 60)) {
            throw new IllegalArgumentException("seconds must be in (0, 60], got " + seconds);
        }
        this.seconds = seconds;
    }

    @Override
    public void receive(AudioChunk chunk) {
        AudioChunk mono = chunk.toMono();
        if (mono.sampleRate() != rate) {
            rate = mono.sampleRate();
            buffer = new short[Math.max(1, (int) Math.round(seconds * rate))];
            filled = 0;
        }
        short[] samples = mono.samples();
        int at = 0;
        while (at < samples.length) {
            int n = Math.min(buffer.length - filled, samples.length - at);
            System.arraycopy(samples, at, buffer, filled, n);
            filled += n;
            at += n;
            if (filled == buffer.length) {
                filled = 0;
                AdditionalOutputs outputs = function.apply(new AudioChunk(rate, 1, buffer.clone()), latestArgs());
                if (outputs != null) {
                    sendOutputs(outputs);
                }
            }
        }
    }

    @Override
    public AudioChunk emit() {
        return null;
    }

    @Override
    public StreamHandler copy() {
        return new AudioFunctionHandler(function, seconds);
    }
}
