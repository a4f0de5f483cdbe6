package dev.riffle.lite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The frame sizes the Wasm entry point takes and refuses (the same Java runs in the browser). */
class LiteMainTest {
    @Test
    void aFrameAboveTheLitePixelLimit_isRefusedWithWhatToDo_andTheRuntimeGoesOn() {
        assertEquals("This frame is 8192x8192 (67.1 megapixels); a Lite page handles at most 8.8 megapixels"
                + " (4096x2160) to keep the tab's memory bounded: use a smaller camera resolution or frame, or run the"
                + " handler on the server (placement SERVER)", LiteMain.resize(8192, 8192));
        assertEquals(LiteMain.tooLarge(4097, 2160), LiteMain.resize(4097, 2160));
        assertNull(LiteMain.resize(4096, 2160));
        assertNull(LiteMain.resize(640, 480));
    }

    @Test
    void badSizes_sayWhy() {
        String error = LiteMain.resize(0, 480);
        assertEquals(true, error != null && !error.isEmpty(), String.valueOf(error));
        assertNull(LiteMain.resize(2, 2));
    }
}
