package dev.riffle.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VideoFrameTest {
    @Test
    void pixel_packsRedInTheLowByte_matchingTheRgbaByteOrder() {
        byte[] bytes = {10, 20, 30, (byte) 255, 0, 0, 0, 0};
        VideoFrame frame = VideoFrame.wrap(2, 1, bytes);
        assertEquals(VideoFrame.rgba(10, 20, 30, 255), frame.pixel(0, 0));
        frame.setPixel(1, 0, VideoFrame.rgba(1, 2, 3, 4));
        assertArrayEquals(new byte[] {10, 20, 30, (byte) 255, 1, 2, 3, 4}, bytes, "writes go to the wrapped array");
    }

    @Test
    void allocateDirect_behavesLikeAHeapFrame() {
        VideoFrame frame = VideoFrame.allocateDirect(3, 2);
        frame.setPixel(2, 1, VideoFrame.rgba(7, 8, 9, 10));
        assertTrue(frame.buffer().isDirect());
        assertEquals(VideoFrame.rgba(7, 8, 9, 10), frame.pixel(5));
        assertEquals(24, frame.toByteArray().length);
    }

    @Test
    void zeroOrHugeSize_throwsNamingTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VideoFrame.allocate(0, 5));
        assertTrue(e.getMessage().contains("0x5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VideoFrame.allocate(100_000, 1));
    }

    @Test
    void wrap_tooSmallBuffer_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VideoFrame.wrap(2, 2, new byte[15]));
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
    }

    @Test
    void audioChunk_rejectsBadValues_andReportsDuration() {
        assertThrows(IllegalArgumentException.class, () -> new AudioChunk(0, 1, new short[0]));
        assertThrows(IllegalArgumentException.class, () -> new AudioChunk(48_000, 2, new short[3]));
        assertEquals(20.0, new AudioChunk(48_000, 1, new short[960]).durationMillis(), 1e-9);
    }
}
