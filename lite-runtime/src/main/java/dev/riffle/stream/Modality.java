package dev.riffle.stream;

/** What a {@code Stream} carries, FastRTC's {@code modality}. */
public enum Modality {
    VIDEO,
    AUDIO,
    AUDIO_VIDEO;

    /** As the wire and the browser spell it: "video", "audio", "audio_video". */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value of {@code wire}, e.g. {@code "audio_video"}; case and {@code -} for {@code _} do not matter. */
    public static Modality fromWire(String wire) {
        return valueOf(wire.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT));
    }
}
