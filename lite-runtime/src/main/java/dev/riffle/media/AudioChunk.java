package dev.riffle.media;

/**
 * A chunk of microphone (or generated) audio: 16-bit PCM samples, interleaved when there is more than one channel.
 * The server's WebRTC path uses 48 kHz mono; the transcription demo resamples to 16 kHz.
 */
public final class AudioChunk {
    private final int sampleRate;
    private final int channels;
    private final short[] samples;

    /**
     * @param sampleRate samples per second per channel, 1..384000
     * @param channels 1..8
     * @param samples interleaved samples; the length must be a multiple of {@code channels}
     * @throws IllegalArgumentException if any value is out of range
     */
    public AudioChunk(int sampleRate, int channels, short[] samples) {
        if (sampleRate < 1 || sampleRate > 384_000) {
            throw new IllegalArgumentException("Sample rate must be 1..384000 Hz, got " + sampleRate);
        }
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("Channel count must be 1..8, got " + channels);
        }
        if (samples == null || samples.length % channels != 0) {
            throw new IllegalArgumentException("Sample count must be a multiple of the channel count " + channels);
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.samples = samples;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** The interleaved samples (not copied). */
    public short[] samples() {
        return samples;
    }

    /** Samples per channel. */
    public int frameCount() {
        return samples.length / channels;
    }

    /** Length in milliseconds. */
    public double durationMillis() {
        return frameCount() * 1000.0 / sampleRate;
    }

    /** This chunk with its channels averaged into one; the chunk itself when it is mono already. */
    public AudioChunk toMono() {
        if (channels == 1) {
            return this;
        }
        int frames = frameCount();
        short[] mono = new short[frames];
        for (int i = 0, j = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++, j++) {
                sum += samples[j];
            }
            mono[i] = (short) Math.round((double) sum / channels);
        }
        return new AudioChunk(sampleRate, 1, mono);
    }

    @Override
    public String toString() {
        return "AudioChunk[" + sampleRate + " Hz, " + channels + " ch, " + frameCount() + " frames]";
    }
}
