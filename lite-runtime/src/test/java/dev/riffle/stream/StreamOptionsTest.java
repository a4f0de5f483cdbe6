package dev.riffle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.StreamEvent;
import dev.riffle.filters.Filters;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamOptionsTest {
    @Test
    void defaults_areTheSeeds() {
        StreamOptions o = new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE);
        assertNull(o.streamEvery(), "FastRTC's Stream: every frame");
        assertEquals(Duration.ZERO, o.webRtcFrameInterval());
        assertEquals(1 / StreamOptions.DEFAULT_FPS, o.captureEvery());
        assertEquals(1, o.concurrencyLimit());
        assertNull(o.timeLimit());
        assertTrue(o.queueOverLimit());
    }

    @Test
    void aBlocksEvent_hasGradiosStreamEvery() {
        Image webcam = Image.webcam();
        StreamEvent event = webcam.stream(Filters.FLIP).outputs(webcam);
        assertEquals(StreamOptions.GRADIO_STREAM_EVERY, event.streamEvery());
        assertEquals(StreamOptions.GRADIO_STREAM_EVERY, event.options().streamEvery());
    }

    @Test
    void clientSpec_isWhatTheBrowserReads() {
        Map<String, Object> spec = new StreamOptions(Modality.AUDIO, Mode.SEND).timeLimit(Duration.ofMillis(1500))
                .concurrencyLimit(null).concurrencyId("mics").clientSpec();
        assertEquals("audio", spec.get("modality"));
        assertEquals("send", spec.get("mode"));
        assertEquals(StreamOptions.AUDIO_CHUNK, spec.get("streamEvery"));
        assertEquals(1.5, spec.get("timeLimit"));
        assertNull(spec.get("concurrencyLimit"));
        assertEquals("mics", spec.get("concurrencyId"));
    }

    @Test
    void adopt_takesTheSharedOptionsOnly() {
        StreamOptions shared = new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE).streamEvery(0.25)
                .timeLimit(Duration.ofSeconds(9)).concurrencyLimit(3).concurrencyId("g");
        StreamOptions audio = new StreamOptions(Modality.AUDIO, Mode.SEND_RECEIVE).sampleRate(16_000).adopt(shared);
        assertEquals(0.25, audio.streamEvery());
        assertEquals(Duration.ofSeconds(9), audio.timeLimit());
        assertEquals(3, audio.concurrencyLimit());
        assertEquals("g", audio.concurrencyId());
        assertEquals(Modality.AUDIO, audio.modality());
        assertEquals(16_000, audio.sampleRate());
    }

    @Test
    void adopt_keepsEveryFrameWhenTheOtherDidNotChoose() {
        StreamOptions o = new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE)
                .adopt(new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE));
        assertNull(o.streamEvery());
    }

    @Test
    void setters_refuseValuesOutOfRange() {
        StreamOptions o = new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE);
        assertThrows(IllegalArgumentException.class, () -> o.streamEvery(0));
        assertThrows(IllegalArgumentException.class, () -> o.streamEvery(61));
        assertThrows(IllegalArgumentException.class, () -> o.concurrencyLimit(0));
        assertThrows(IllegalArgumentException.class, () -> o.timeLimit(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> o.fps(0));
        assertThrows(IllegalArgumentException.class, () -> o.sampleRate(100));
    }

    @Test
    void check_refusesOptionsTheKindWouldIgnore() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new StreamOptions(Modality.AUDIO, Mode.SEND_RECEIVE).fps(30).check("echo", false));
        assertTrue(e.getMessage().contains("fps"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE).sampleRate(16_000).check("flip", false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamOptions(Modality.AUDIO, Mode.SEND_RECEIVE).maxPixels(10).check("echo", false));
        new StreamOptions(Modality.VIDEO, Mode.RECEIVE).fps(10).check("bars", true);
    }

    @Test
    void check_refusesAModeThatDoesNotFit() {
        assertThrows(IllegalArgumentException.class,
                () -> new StreamOptions(Modality.VIDEO, Mode.RECEIVE).check("flip", false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamOptions(Modality.AUDIO, Mode.SEND_RECEIVE).check("tone", true));
    }

    @Test
    void check_refusesANameWithSpaces() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE).check("my stream", false));
        assertTrue(e.getMessage().contains("'my-stream'"), e.getMessage());
    }

    @Test
    void modalityAndMode_roundTripTheirWireSpelling() {
        for (Modality m : Modality.values()) {
            assertEquals(m, Modality.fromWire(m.wire()));
        }
        assertEquals(Modality.AUDIO_VIDEO, Modality.fromWire("audio-video"));
        for (Mode m : Mode.values()) {
            assertEquals(m, Mode.fromWire(m.wire()));
        }
    }

    @Test
    void blocksExport_writesTheOptionsOnce() {
        Blocks app = new Blocks("t");
        Image webcam = Image.webcam();
        app.add(webcam);
        webcam.stream(Filters.FLIP).outputs(webcam).streamEvery(0.2).timeLimit(5.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> stream = ((java.util.List<Map<String, Object>>) app.describe().get("streams")).get(0);
        assertEquals(0.2, stream.get("streamEvery"));
        assertEquals(5.0, stream.get("timeLimit"));
        assertEquals("video", stream.get("modality"));
        assertEquals("send_receive", stream.get("mode"));
    }
}
