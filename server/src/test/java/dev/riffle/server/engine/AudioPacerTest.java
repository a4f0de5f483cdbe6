package dev.riffle.server.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.riffle.media.AudioChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pacer driven by a manual clock: which frames are due when. */
class AudioPacerTest {
    long now;
    final List<AudioChunk> sent = new ArrayList<>();

    AudioPacer pacer(int leadMillis) {
        return new AudioPacer(null, sent::add, leadMillis, () -> now);
    }

    void advance(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    static AudioChunk ramp(int rate, int frames) {
        short[] s = new short[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = (short) i;
        }
        return new AudioChunk(rate, 1, s);
    }

    @Test
    void aLongReply_goesOutIn20msFrames_atRealTime() {
        AudioPacer p = pacer(40);
        p.offer(ramp(24_000, 24_000 * 3)); // 3 s at once
        p.tick();
        assertEquals(3, sent.size(), "frames at 0, 20 and 40 ms (the lead)");
        advance(100);
        p.tick();
        assertEquals(8, sent.size());
        for (AudioChunk f : sent) {
            assertEquals(480, f.frameCount());
        }
        // in order, nothing lost or repeated
        assertEquals(480 * 7, sent.get(7).samples()[0]);
        advance(5000);
        p.tick();
        assertEquals(150, sent.size());
        assertFalse(p.busy());
    }

    @Test
    void queuedMillis_countsWhatIsNotSentYet_acrossChunksRatesAndClear() {
        AudioPacer p = pacer(0);
        assertEquals(0, p.queuedMillis());
        p.offer(ramp(48_000, 4800)); // 100 ms
        p.offer(ramp(24_000, 720)); // 30 ms
        p.offer(ramp(16_000, 160)); // 10 ms
        assertEquals(140, p.queuedMillis());
        p.tick(); // the first 20 ms frame is due at once
        assertEquals(120, p.queuedMillis());
        advance(90);
        p.tick(); // up to 100 ms sent: the first chunk is gone
        assertEquals(40, p.queuedMillis());
        advance(1000);
        p.tick();
        assertEquals(0, p.queuedMillis());
        assertFalse(p.busy());
        p.offer(ramp(48_000, 48_000));
        assertEquals(1000, p.queuedMillis());
        p.clear();
        assertEquals(0, p.queuedMillis());
    }

    @Test
    void smallPieces_areJoinedInto20msFrames() {
        AudioPacer p = pacer(0);
        for (int i = 0; i < 4; i++) {
            p.offer(new AudioChunk(48_000, 1, new short[] {(short) i, (short) i}));
        }
        p.offer(ramp(48_000, 952));
        p.tick();
        assertEquals(1, sent.size());
        assertEquals(960, sent.get(0).frameCount());
        assertArrayEquals(new short[] {0, 0, 1, 1, 2, 2, 3, 3, 0, 1}, java.util.Arrays.copyOf(sent.get(0).samples(), 10));
    }

    @Test
    void clear_dropsWhatWasNotSent() {
        AudioPacer p = pacer(0);
        p.offer(ramp(48_000, 48_000));
        p.tick();
        advance(40);
        p.tick();
        assertEquals(3, sent.size());
        p.clear();
        advance(1000);
        p.tick();
        assertEquals(3, sent.size());
        // the next reply starts its own clock
        p.offer(ramp(48_000, 960 * 2));
        p.tick();
        assertEquals(4, sent.size());
    }

    @Test
    void aFormatChange_endsTheFrameEarly() {
        AudioPacer p = pacer(100);
        p.offer(ramp(48_000, 500));
        p.offer(ramp(16_000, 320));
        p.tick();
        assertEquals(2, sent.size());
        assertEquals(500, sent.get(0).frameCount());
        assertEquals(16_000, sent.get(1).sampleRate());
        assertEquals(320, sent.get(1).frameCount());
    }

    @Test
    void flush_sendsTheRestAtOnce_inOrder() {
        AudioPacer p = pacer(0);
        p.offer(ramp(48_000, 960 * 5));
        p.tick();
        p.flush();
        assertEquals(5, sent.size());
        assertEquals(960 * 4, sent.get(4).samples()[0]);
    }
}
