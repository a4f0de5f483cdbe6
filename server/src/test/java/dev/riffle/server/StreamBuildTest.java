package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import dev.riffle.handler.Generator;
import dev.riffle.stream.Modality;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Options a stream's kind would silently ignore are refused when it is built, with what to do instead. */
class StreamBuildTest {
    private static final Generator FRAMES = inputs -> java.util.stream.Stream.empty();

    @Test
    void fpsOnAnAudioStream_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stream.audio("echo", new AudioSocketTest.Echo()).fps(30).build());
        assertTrue(e.getMessage().contains("'echo' is a audio stream"), e.getMessage());
    }

    @Test
    void fpsOnACameraStream_isRefused_pointingToStreamEvery() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stream.video(Filters.FLIP).fps(30).build());
        assertTrue(e.getMessage().contains("streamEvery"), e.getMessage());
    }

    @Test
    void fpsOnAnAudioGenerator_isRefused_onAVideoGenerator_taken() {
        assertThrows(IllegalArgumentException.class,
                () -> Stream.receive("tone", Modality.AUDIO, FRAMES).fps(30).build());
        assertEquals(15, Stream.receive("bars", Modality.VIDEO, FRAMES).fps(15).build().fps());
    }

    @Test
    void audioSettingsOnAVideoStream_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stream.video(Filters.FLIP).sampleRate(16_000).build());
        assertThrows(IllegalArgumentException.class,
                () -> Stream.video(Filters.FLIP).maxAudioBacklog(Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class,
                () -> Stream.receive("tone", Modality.AUDIO, FRAMES).sampleRate(16_000).build());
    }

    @Test
    void frameSettingsOnAnAudioStream_areRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Stream.audio("echo", new AudioSocketTest.Echo()).maxPixels(100).build());
        assertThrows(IllegalArgumentException.class,
                () -> Stream.audio("echo", new AudioSocketTest.Echo()).jpegQuality(0.5).build());
    }

    @Test
    void aNameWithSpaces_isRefused_withAUsableOneSuggested() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stream.video("my flip", Filters.FLIP.create()).build());
        assertTrue(e.getMessage().contains("'my-flip'"), e.getMessage());
    }

    @Test
    void settingsThatFitTheKind_build() {
        assertEquals(16_000, Stream.audio("stt", new AudioSocketTest.Echo()).sampleRate(16_000).build()
                .sampleRate());
        assertEquals(640 * 480, Stream.video(Filters.FLIP).maxPixels(640 * 480).jpegQuality(0.5).build()
                .maxPixels());
    }
}
