package dev.riffle.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReplyOnPauseTest {
    static final int RATE = 48_000;
    static final int CHUNK = 960; // 20 ms

    /** What the handler told its connection, stamped with the input position (in samples) it happened at. */
    static final class Recorder implements StreamHandler.Channel {
        final List<String> logs = new ArrayList<>();
        final List<Long> logAt = new ArrayList<>();
        final List<AdditionalOutputs> outputs = new ArrayList<>();
        int clears;
        long position;

        @Override
        public void send(String type, Object data) {
            logs.add(type + ":" + data);
            logAt.add(position);
        }

        @Override
        public void outputs(AdditionalOutputs o) {
            outputs.add(o);
        }

        @Override
        public void clearQueue() {
            clears++;
        }

        long at(String log) {
            return logAt.get(logs.indexOf(log));
        }

        long count(String log) {
            return logs.stream().filter(log::equals).count();
        }
    }

    /** Segments of {seconds, loud?}: loud is a 300 Hz tone at -12 dBFS, quiet is faint noise at -70 dBFS. */
    static short[] scene(double... segments) {
        int total = 0;
        for (int i = 0; i < segments.length; i += 2) {
            total += (int) Math.round(segments[i] * RATE);
        }
        short[] out = new short[total];
        java.util.Random noise = new java.util.Random(7);
        int at = 0;
        for (int i = 0; i < segments.length; i += 2) {
            int n = (int) Math.round(segments[i] * RATE);
            boolean loud = segments[i + 1] > 0;
            for (int k = 0; k < n; k++, at++) {
                out[at] = loud ? (short) (8000 * Math.sin(2 * Math.PI * 300 * at / RATE))
                        : (short) (noise.nextGaussian() * 10);
            }
        }
        return out;
    }

    /** Feeds the scene in 20 ms chunks, pulling emit() after each like the runtime; returns what was emitted. */
    static List<AudioChunk> play(ReplyOnPause h, Recorder r, short[] scene) {
        h.attach(r);
        h.startUp();
        List<AudioChunk> emitted = new ArrayList<>();
        for (int at = 0; at + CHUNK <= scene.length; at += CHUNK) {
            short[] c = new short[CHUNK];
            System.arraycopy(scene, at, c, 0, CHUNK);
            r.position = at + CHUNK;
            h.receive(new AudioChunk(RATE, 1, c));
            for (AudioChunk out = h.emit(); out != null; out = h.emit()) {
                emitted.add(out);
            }
        }
        h.shutdown();
        return emitted;
    }

    @Test
    void answersOncePerUtterance_withTheWholeTurn_soonAfterItEnds() {
        List<AudioChunk> heard = new ArrayList<>();
        ReplyOnPause h = new ReplyOnPause((speech, args) -> {
            heard.add(speech);
            return Stream.of(speech);
        });
        Recorder r = new Recorder();
        List<AudioChunk> emitted = play(h, r, scene(0.5, 0, 0.8, 1, 1.0, 0, 0.6, 1, 1.0, 0));

        assertEquals(2, r.count("log:pause_detected"), r.logs.toString());
        assertEquals(2, r.count("log:started_talking"), r.logs.toString());
        assertEquals(2, r.count("log:response_starting"), r.logs.toString());
        assertEquals(2, h.turns());
        assertEquals(2, heard.size());
        // each turn holds its whole utterance (pre-roll included) and not the next one
        assertTrue(heard.get(0).durationMillis() >= 800 && heard.get(0).durationMillis() < 1800,
                "first turn " + heard.get(0).durationMillis() + " ms");
        assertTrue(heard.get(1).durationMillis() >= 600 && heard.get(1).durationMillis() < 1600,
                "second turn " + heard.get(1).durationMillis() + " ms");
        assertEquals(heard, emitted);
        // the pause is seen within 300 ms of audio after the first utterance ended (at 1.3 s)
        long end = Math.round(1.3 * RATE);
        long seen = r.at("log:pause_detected");
        assertTrue(seen > end && seen - end <= 0.3 * RATE, "pause seen " + (seen - end) * 1000 / RATE + " ms late");
    }

    @Test
    void silenceAndShortClicks_neverStartATurn() {
        Recorder r = new Recorder();
        ReplyOnPause h = new ReplyOnPause((speech, args) -> Stream.of(speech));
        play(h, r, scene(1.0, 0, 0.06, 1, 1.0, 0, 0.1, 1, 1.0, 0));
        assertEquals(List.of(), r.logs);
    }

    @Test
    void talkingOverAReply_stopsIt_andDropsItsUnplayedAudio() {
        AtomicBoolean closed = new AtomicBoolean();
        // a 3 s reply in 20 ms pieces, yielded lazily
        ReplyOnPause h = new ReplyOnPause((speech, args) -> Stream.iterate(0, i -> i < 150, i -> i + 1)
                .map(i -> new AudioChunk(24_000, 1, new short[480])).onClose(() -> closed.set(true)));
        Recorder r = new Recorder();
        // the second utterance starts 0.5 s after the first is answered: while the reply still plays
        play(h, r, scene(0.3, 0, 0.6, 1, 0.5, 0, 0.6, 1, 1.0, 0));
        assertTrue(closed.get());
        assertEquals(1, r.count("log:interrupted"), r.logs.toString());
        assertEquals(1, r.clears);
        assertEquals(2, r.count("log:pause_detected"), r.logs.toString());
    }

    @Test
    void withoutInterruption_speechDuringAReplyIsIgnored() {
        ReplyOnPause h = new ReplyOnPause((speech, args) -> Stream.iterate(0, i -> i < 150, i -> i + 1)
                .map(i -> new AudioChunk(24_000, 1, new short[480]))).canInterrupt(false);
        Recorder r = new Recorder();
        play(h, r, scene(0.3, 0, 0.6, 1, 0.5, 0, 0.6, 1, 1.0, 0));
        assertEquals(0, r.clears);
        assertEquals(1, r.count("log:pause_detected"), r.logs.toString());
    }

    @Test
    void additionalOutputs_andTheStartupFunction_reachTheConnection() {
        ReplyOnPause h = new ReplyOnPause((speech, args) -> Stream.of(
                AdditionalOutputs.of("heard " + Math.round(speech.durationMillis() / 100) / 10.0 + " s"), speech))
                .startup(args -> Stream.of(AdditionalOutputs.of("hello " + args.text(0, "?"))));
        h.setArgs(Inputs.of("Ada"));
        Recorder r = new Recorder();
        play(h, r, scene(0.3, 0, 0.6, 1, 1.0, 0));
        assertEquals("hello Ada", r.outputs.get(0).values().get(0));
        assertTrue(((String) r.outputs.get(1).values().get(0)).startsWith("heard "), r.outputs.toString());
    }

    @Test
    void aReplyThatThrows_isReported_andTheNextTurnStillGetsAnswered() {
        int[] calls = {0};
        ReplyOnPause h = new ReplyOnPause((speech, args) -> {
            if (calls[0]++ == 0) {
                return Stream.of("not audio");
            }
            return Stream.of(speech);
        });
        Recorder r = new Recorder();
        h.attach(r);
        short[] s = scene(0.3, 0, 0.6, 1, 1.0, 0, 0.6, 1, 1.0, 0);
        int failures = 0;
        int answers = 0;
        for (int at = 0; at + CHUNK <= s.length; at += CHUNK) {
            short[] c = new short[CHUNK];
            System.arraycopy(s, at, c, 0, CHUNK);
            h.receive(new AudioChunk(RATE, 1, c));
            try {
                for (AudioChunk out = h.emit(); out != null; out = h.emit()) {
                    answers++;
                }
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
                failures++;
            }
        }
        assertEquals(1, failures);
        assertEquals(1, answers);
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new AlgoOptions(0.3, 0.4, 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> new VadOptions(0.5f, 0.6f, 0));
        assertThrows(IllegalArgumentException.class, () -> new EnergyPauseDetector(-30, -50));
    }
}
