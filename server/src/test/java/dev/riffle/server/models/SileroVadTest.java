package dev.riffle.server.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.audio.PauseDetector;
import dev.riffle.audio.ReplyOnPause;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.server.speech.Espeak;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SileroVadTest {
    static SileroVad vad;

    @BeforeAll
    static void load() {
        vad = SileroVad.load();
    }

    @AfterAll
    static void release() {
        vad.close();
        assertEquals(0, OnnxModel.openSessions(), "ONNX sessions left open");
    }

    /** Utterances spoken by espeak-ng with {@code gapSeconds} of silence around each, at 48 kHz; ends[i] = end of speech i. */
    record Scene(AudioChunk audio, List<Long> ends) {
    }

    static Scene scene(double gapSeconds, String... utterances) {
        Espeak espeak = Espeak.defaults();
        short[] all = new short[0];
        List<Long> ends = new ArrayList<>();
        Resampler up = new Resampler(22_050, 48_000);
        int gap = (int) (gapSeconds * 22_050);
        for (String u : utterances) {
            short[] said = espeak.say(u).samples();
            short[] next = new short[all.length + gap + said.length];
            System.arraycopy(all, 0, next, 0, all.length);
            System.arraycopy(said, 0, next, all.length + gap, said.length);
            int last = said.length - 1;
            while (last > 0 && Math.abs(said[last]) < 300) {
                last--;
            }
            ends.add(Math.round((all.length + gap + last) * 48_000.0 / 22_050));
            all = next;
        }
        short[] tail = new short[all.length + gap];
        System.arraycopy(all, 0, tail, 0, all.length);
        return new Scene(new AudioChunk(48_000, 1, up.process(tail)), ends);
    }

    /** Positions (in input samples) at which the handler logged {@code log}. */
    static List<Long> run(ReplyOnPause handler, AudioChunk audio, String log, List<AudioChunk> replies) {
        List<Long> at = new ArrayList<>();
        long[] position = {0};
        handler.attach(new StreamHandler.Channel() {
            @Override
            public void send(String type, Object data) {
                if (log.equals(data)) {
                    at.add(position[0]);
                }
            }

            @Override
            public void outputs(AdditionalOutputs outputs) {
            }

            @Override
            public void clearQueue() {
            }
        });
        short[] s = audio.samples();
        for (int i = 0; i + 960 <= s.length; i += 960) {
            short[] c = new short[960];
            System.arraycopy(s, i, c, 0, 960);
            position[0] = i + 960;
            handler.receive(new AudioChunk(48_000, 1, c));
            for (AudioChunk out = handler.emit(); out != null; out = handler.emit()) {
                replies.add(out);
            }
        }
        handler.shutdown();
        return at;
    }

    @Test
    void espeakSpeechWithPauses_getsOneReplyPerUtterance_within300msOfItsEnd() {
        Scene scene = scene(1.2, "open the door please", "the quick brown fox jumps over the lazy dog",
                "hello world");
        List<AudioChunk> replies = new ArrayList<>();
        ReplyOnPause handler = (ReplyOnPause) new ReplyOnPause((speech, args) -> Stream.of(speech))
                .detector(vad.detector()).copy();
        List<Long> pauses = run(handler, scene.audio(), "pause_detected", replies);
        assertEquals(3, pauses.size(), "pauses at " + pauses + ", speech ends at " + scene.ends());
        for (int i = 0; i < 3; i++) {
            long late = pauses.get(i) - scene.ends().get(i);
            assertTrue(late > 0 && late <= 0.3 * 48_000, "utterance " + i + ": pause seen " + late / 48 + " ms after it ended");
        }
        assertEquals(3, replies.size());
    }

    @Test
    void silenceAndNoise_scoreLow() {
        PauseDetector d = vad.detector();
        java.util.Random r = new java.util.Random(1);
        float max = 0;
        for (int w = 0; w < 100; w++) {
            float[] window = new float[d.windowSamples()];
            for (int i = 0; i < window.length; i++) {
                window[i] = (float) (r.nextGaussian() * 0.001);
            }
            max = Math.max(max, d.speechProbability(window));
        }
        assertTrue(max < 0.2f, "silence scored " + max);
    }

    @Test
    void aMissingModel_namesTheFetchCommand(@TempDir Path dir) {
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> ModelFile.SILERO_VAD_V5.verified(dir.resolve("silero_vad_v5.onnx")));
        assertTrue(e.getMessage().contains("is missing") && e.getMessage().contains(ModelFile.FETCH_COMMAND)
                && e.getMessage().contains("@ricky0123/vad-web@0.0.31"), e.getMessage());
    }

    @Test
    void aCorruptModel_isRefusedByChecksum_andOnnxRuntimeErrorsNameTheFetchCommandToo(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("silero_vad_v5.onnx");
        byte[] good = Files.readAllBytes(ModelFile.SILERO_VAD_V5.path());
        Files.write(file, java.util.Arrays.copyOf(good, good.length / 2));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> ModelFile.SILERO_VAD_V5.verified(file));
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains(ModelFile.FETCH_COMMAND),
                e.getMessage());
        int before = OnnxModel.openSessions();
        IllegalStateException load = assertThrows(IllegalStateException.class, () -> OnnxModel.load(file, "half"));
        assertTrue(load.getMessage().contains(ModelFile.FETCH_COMMAND), load.getMessage());
        assertEquals(before, OnnxModel.openSessions());
    }

    @Test
    void aDetectorOfAClosedModel_failsCleanly_insteadOfCrashingTheJvm() {
        SileroVad other = SileroVad.load();
        PauseDetector d = other.detector();
        d.speechProbability(new float[d.windowSamples()]);
        other.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> d.speechProbability(new float[d.windowSamples()]));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
