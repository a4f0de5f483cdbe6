package dev.riffle.server;

/** What a {@link Stream} carries, FastRTC's {@code modality}. */
public enum Modality {
    VIDEO,
    AUDIO,
    AUDIO_VIDEO
}
