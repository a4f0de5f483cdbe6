package dev.riffle.audio;

/**
 * Speech as loudness: a 20 ms window's RMS level in dBFS mapped to 0..1 between {@code silenceDb} (0) and
 * {@code speechDb} (1). Needs no model, so it also serves Lite apps; it cannot tell speech from other sound, so
 * a noisy room reads as talking - use the Silero detector on the server when that matters.
 */
public final class EnergyPauseDetector implements PauseDetector {
    private static final int RATE = 16_000;
    private static final int WINDOW = 320;

    private final double silenceDb;
    private final double speechDb;

    /** Below -50 dBFS is silence, above -30 dBFS is speech. */
    public EnergyPauseDetector() {
        this(-50, -30);
    }

    public EnergyPauseDetector(double silenceDb, double speechDb) {
        if (!(speechDb > silenceDb)) {
            throw new IllegalArgumentException("speechDb must be above silenceDb, got " + speechDb + " <= " + silenceDb);
        }
        this.silenceDb = silenceDb;
        this.speechDb = speechDb;
    }

    @Override
    public int sampleRate() {
        return RATE;
    }

    @Override
    public int windowSamples() {
        return WINDOW;
    }

    @Override
    public float speechProbability(float[] window) {
        double sum = 0;
        for (float v : window) {
            sum += v * v;
        }
        double rms = Math.sqrt(sum / window.length);
        double db = rms > 0 ? 20 * Math.log10(rms) : -200;
        double p = (db - silenceDb) / (speechDb - silenceDb);
        return (float) Math.max(0, Math.min(1, p));
    }

    @Override
    public void reset() {
    }

    @Override
    public PauseDetector copy() {
        return this;
    }
}
