package dev.riffle.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.riffle.media.AudioChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioFunctionHandlerTest {
    /** Collects what the handler sends to its outputs. */
    private static List<AdditionalOutputs> attach(StreamHandler handler) {
        List<AdditionalOutputs> sent = new ArrayList<>();
        handler.attach(new StreamHandler.Channel() {
            @Override
            public void send(String type, Object data) {
            }

            @Override
            public void outputs(AdditionalOutputs outputs) {
                sent.add(outputs);
            }

            @Override
            public void clearQueue() {
            }
        });
        return sent;
    }

    private static AudioChunk ramp(int rate, int from, int count) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) ((from + i) % 30_000);
        }
        return new AudioChunk(rate, 1, s);
    }

    @Test
    void callsTheFunctionWithExactPiecesInOrderAndTheLatestInputs() {
        List<AudioChunk> pieces = new ArrayList<>();
        StreamHandler h = new AudioFunctionHandler((audio, in) -> {
            pieces.add(audio);
            return AdditionalOutputs.of(in.text(0, "?"), audio.frameCount());
        }, 0.5).copy();
        List<AdditionalOutputs> sent = attach(h);
        h.setArgs(Inputs.of("a"));
        int at = 0;
        for (int i = 0; i < 24; i++) { // 24 x 20 ms = 0.48 s: not yet a piece
            h.receive(ramp(48_000, at, 960));
            at += 960;
        }
        assertEquals(0, pieces.size());
        assertNull(h.emit(), "a function stream sends no audio");
        h.setArgs(Inputs.of("b"));
        for (int i = 0; i < 56; i++) { // to 1.6 s: three pieces, 0.1 s left over
            h.receive(ramp(48_000, at, 960));
            at += 960;
        }
        assertEquals(3, pieces.size());
        for (int p = 0; p < 3; p++) {
            short[] s = pieces.get(p).samples();
            assertEquals(24_000, s.length);
            assertEquals((short) ((p * 24_000) % 30_000), s[0], "piece " + p + " starts where the last ended");
            assertEquals((short) ((p * 24_000 + 23_999) % 30_000), s[23_999]);
        }
        assertEquals(List.of("b", 24_000), sent.get(0).values(), "the inputs as they are at the call");
        assertEquals(3, sent.size());
    }

    @Test
    void stereoIsMixedDownAndNullLeavesOutputsAlone() {
        List<AudioChunk> pieces = new ArrayList<>();
        StreamHandler h = new AudioFunctionHandler((audio, in) -> {
            pieces.add(audio);
            return null;
        }, 0.1);
        List<AdditionalOutputs> sent = attach(h);
        short[] stereo = new short[2 * 1600];
        for (int i = 0; i < 1600; i++) {
            stereo[2 * i] = 1000;
            stereo[2 * i + 1] = 3000;
        }
        h.receive(new AudioChunk(16_000, 2, stereo));
        assertEquals(1, pieces.size());
        assertEquals(1, pieces.get(0).channels());
        assertEquals(2000, pieces.get(0).samples()[0]);
        assertEquals(0, sent.size());
    }

    @Test
    void refusesPiecesOutsideGradiosRange() {
        assertThrows(IllegalArgumentException.class, () -> new AudioFunctionHandler((a, i) -> null, 0));
        assertThrows(IllegalArgumentException.class, () -> new AudioFunctionHandler((a, i) -> null, 61));
    }
}
