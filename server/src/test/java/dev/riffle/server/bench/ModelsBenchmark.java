package dev.riffle.server.bench;

import dev.riffle.audio.AlgoOptions;
import dev.riffle.audio.EnergyPauseDetector;
import dev.riffle.audio.PauseDetector;
import dev.riffle.audio.ReplyOnPause;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.server.models.PaddleOcr;
import dev.riffle.server.models.SileroVad;
import dev.riffle.server.models.TextFrames;
import dev.riffle.server.speech.Espeak;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./dev bench-models}: PaddleOCR's cost per 640x480 frame (detection, and recognition per box), then how soon ReplyOnPause answers after speech ends, on espeak-ng speech (8 utterances,
 * three voices, 2.5 s gaps, fed in 20 ms chunks at 48 kHz, like a microphone), for Silero with Riffle's defaults,
 * Silero with FastRTC's 0.6 s window slid per window, a model of FastRTC's own block evaluation (one VAD verdict
 * per 0.6 s block), and the energy detector; then Silero's cost per window. Delays are in audio time (ms of input
 * after the last loud sample of the utterance), so they do not depend on this machine's speed.
 */
public final class ModelsBenchmark {
    record Scene(AudioChunk audio, long[] ends) {
    }

    static final String[][] SPEECH = {
        {"en-us", "160", "open the door please"},
        {"en-us", "140", "the quick brown fox jumps over the lazy dog"},
        {"en-us+m3", "160", "hello world"},
        {"en-gb", "170", "what time is it"},
        {"en-us", "180", "turn on the kitchen lights"},
        {"en-us+m3", "140", "play some music"},
        {"en-gb", "150", "how is the weather today"},
        {"en-us", "160", "stop"},
    };

    public static void main(String[] args) {
        Scene scene = scene(2.5);
        System.out.printf("scene: %d utterances, %.1f s of audio%n", scene.ends.length,
                scene.audio.frameCount() / 48_000.0);
        try (SileroVad vad = SileroVad.load()) {
            report("Silero, Riffle defaults (0.32 s window, slid every 32 ms)", scene,
                    new ReplyOnPause(ModelsBenchmark::silent).detector(vad.detector()));
            report("Silero, FastRTC's numbers slid (0.6 s window)", scene,
                    new ReplyOnPause(ModelsBenchmark::silent).detector(vad.detector()).algoOptions(AlgoOptions.fastrtc()));
            report("Energy detector, Riffle defaults", scene, new ReplyOnPause(ModelsBenchmark::silent)
                    .detector(new EnergyPauseDetector()));
            blockModel("Silero, FastRTC's block evaluation (one verdict per 0.6 s)", scene, vad.detector());
            cost(vad.detector());
        }
        try (PaddleOcr ocr = PaddleOcr.load()) {
            ocr(ocr);
        }
        speech();
    }

    /**
     * Pocketsphinx with a grammar of 8 phrases on espeak-ng's voices (en-us, en-us+m3, en-gb at 140 and 170 words per
     * minute), each with 0.25 s of silence around it: exact phrases recognised and ms per utterance (process start
     * included), all 48 utterances twice.
     */
    static void speech() {
        List<String> phrases = List.of("hello world", "open the door please",
                "the quick brown fox jumps over the lazy dog", "turn on the lights", "what time is it",
                "stream my camera to java", "good morning", "thank you very much");
        dev.riffle.server.speech.Pocketsphinx sphinx = dev.riffle.server.speech.Pocketsphinx.withPhrases(
                phrases.toArray(String[]::new));
        List<Double> ms = new java.util.ArrayList<>();
        int exact = 0;
        int total = 0;
        double audioSeconds = 0;
        for (String voice : List.of("en-us", "en-us+m3", "en-gb")) {
            for (int wpm : new int[] {140, 170}) {
                dev.riffle.server.speech.Espeak espeak = new dev.riffle.server.speech.Espeak(voice, wpm);
                for (String phrase : phrases) {
                    AudioChunk spoken = espeak.say(phrase);
                    // with 0.25 s of silence each side, as the transcription demo's Utterances hands it over
                    int pad = spoken.sampleRate() / 4;
                    short[] padded = new short[spoken.samples().length + 2 * pad];
                    System.arraycopy(spoken.samples(), 0, padded, pad, spoken.samples().length);
                    AudioChunk said = new AudioChunk(spoken.sampleRate(), 1, padded);
                    for (int run = 0; run < 2; run++) {
                        long t0 = System.nanoTime();
                        String heard = sphinx.transcribe(said);
                        ms.add((System.nanoTime() - t0) / 1e6);
                        total++;
                        audioSeconds += said.frameCount() / (double) said.sampleRate();
                        if (heard.equals(phrase)) {
                            exact++;
                        }
                    }
                }
            }
        }
        java.util.Collections.sort(ms);
        System.out.printf("Pocketsphinx (JSGF grammar of %d phrases): %d/%d utterances exact; %.0f ms per utterance"
                + " (p95 %.0f; utterances %.1f s long on average)%n", phrases.size(), exact, total,
                ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.95)), audioSeconds / total);
    }

    /** det on a 640x480 frame with three lines of text, rec on each box; median of 30 after 5 warm-up runs. */
    static void ocr(PaddleOcr ocr) {
        dev.riffle.media.VideoFrame frame = TextFrames.render(40, 110, 140, "Hello World 2024", "The quick brown fox",
                "open the door please").frame();
        double[] det = new double[30];
        double[] rec = new double[30];
        List<PaddleOcr.TextBox> boxes = List.of();
        for (int i = -5; i < 30; i++) {
            long t0 = System.nanoTime();
            boxes = ocr.detect(frame, 0.6f);
            long t1 = System.nanoTime();
            for (PaddleOcr.TextBox b : boxes) {
                ocr.recognize(frame, b);
            }
            long t2 = System.nanoTime();
            if (i >= 0) {
                det[i] = (t1 - t0) / 1e6;
                rec[i] = (t2 - t1) / 1e6 / Math.max(1, boxes.size());
            }
        }
        Arrays.sort(det);
        Arrays.sort(rec);
        StringBuilder read = new StringBuilder();
        for (PaddleOcr.TextBox b : boxes) {
            read.append('"').append(ocr.recognize(frame, b).text()).append("\" ");
        }
        System.out.printf("PaddleOCR PP-OCRv4 (1 thread), 640x480: detection %.1f ms (p95 %.1f), recognition %.1f ms per"
                + " box (p95 %.1f); %d boxes read %s%n", det[15], det[28], rec[15], rec[28], boxes.size(), read);
    }

    static Stream<?> silent(AudioChunk speech, dev.riffle.handler.Inputs args) {
        return Stream.empty();
    }

    static Scene scene(double gapSeconds) {
        Resampler up = new Resampler(22_050, 48_000);
        List<short[]> parts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        long at = 0;
        short[] gap = new short[(int) (gapSeconds * 22_050)];
        for (String[] s : SPEECH) {
            short[] said = new Espeak(s[0], Integer.parseInt(s[1])).say(s[2]).samples();
            int last = said.length - 1;
            while (last > 0 && Math.abs(said[last]) < 300) {
                last--;
            }
            short[] g = up.process(gap);
            parts.add(g);
            at += g.length;
            short[] u = up.process(said);
            parts.add(u);
            ends.add(at + Math.round(last * 48_000.0 / 22_050));
            at += u.length;
        }
        short[] tail = up.process(gap);
        parts.add(tail);
        short[] all = new short[(int) (at + tail.length)];
        int p = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, p, part.length);
            p += part.length;
        }
        return new Scene(new AudioChunk(48_000, 1, all), ends.stream().mapToLong(Long::longValue).toArray());
    }

    static void report(String name, Scene scene, ReplyOnPause handler) {
        List<Long> pauses = new ArrayList<>();
        long[] position = {0};
        handler.attach(new StreamHandler.Channel() {
            @Override
            public void send(String type, Object data) {
                if ("pause_detected".equals(data)) {
                    pauses.add(position[0]);
                }
            }

            @Override
            public void outputs(AdditionalOutputs outputs) {
            }

            @Override
            public void clearQueue() {
            }
        });
        short[] s = scene.audio.samples();
        for (int i = 0; i + 960 <= s.length; i += 960) {
            position[0] = i + 960;
            handler.receive(new AudioChunk(48_000, 1, Arrays.copyOfRange(s, i, i + 960)));
            while (handler.emit() != null) {
                // drain
            }
        }
        handler.shutdown();
        print(name, scene, pauses);
    }

    /** FastRTC's determine_pause: a VAD verdict per 0.6 s block; pause when a started turn's block has < 0.1 s. */
    static void blockModel(String name, Scene scene, PauseDetector detector) {
        Resampler down = new Resampler(48_000, 16_000);
        short[] s = scene.audio.samples();
        int block = (int) (0.6 * 48_000);
        boolean started = false;
        List<Long> pauses = new ArrayList<>();
        float[] window = new float[detector.windowSamples()];
        for (int i = 0; i + block <= s.length; i += block) {
            short[] in = down.process(Arrays.copyOfRange(s, i, i + block));
            detector.reset(); // FastRTC runs the model afresh on each block
            int speechWindows = 0;
            for (int w = 0; w + window.length <= in.length; w += window.length) {
                for (int k = 0; k < window.length; k++) {
                    window[k] = in[w + k] / 32768f;
                }
                if (detector.speechProbability(window) >= 0.5f) {
                    speechWindows++;
                }
            }
            double speech = speechWindows * (double) window.length / 16_000;
            if (!started && speech > 0.2) {
                started = true;
            }
            if (started && speech < 0.1) {
                pauses.add((long) i + block);
                started = false;
            }
        }
        print(name, scene, pauses);
    }

    static void print(String name, Scene scene, List<Long> pauses) {
        List<Double> delays = new ArrayList<>();
        int extra = 0;
        int next = 0;
        for (long p : pauses) {
            while (next < scene.ends.length && p > scene.ends[next] + 48_000 * 2L) {
                next++;
            }
            if (next < scene.ends.length && p > scene.ends[next]) {
                delays.add((p - scene.ends[next]) / 48.0);
                next++;
            } else {
                extra++;
            }
        }
        double[] d = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%-62s turns %d/%d, extra %d, delay after speech ms: p50 %.0f, max %.0f%n", name,
                d.length, scene.ends.length, extra, d.length == 0 ? Double.NaN : d[d.length / 2],
                d.length == 0 ? Double.NaN : d[d.length - 1]);
    }

    static void cost(PauseDetector detector) {
        float[] window = new float[detector.windowSamples()];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < window.length; i++) {
            window[i] = (float) (r.nextGaussian() * 0.1);
        }
        for (int i = 0; i < 3000; i++) {
            detector.speechProbability(window);
        }
        int n = 20_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            detector.speechProbability(window);
        }
        double perWindow = (System.nanoTime() - t0) / 1e6 / n;
        double windowMs = 1000.0 * detector.windowSamples() / detector.sampleRate();
        System.out.printf("Silero VAD v5 (ONNX Runtime %s, 1 thread): %.3f ms per %.0f ms window = %.3f ms per 20 ms"
                + " chunk, %.2f%% of one core in real time%n", ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion(),
                perWindow, windowMs, perWindow * 20 / windowMs, 100 * perWindow / windowMs);
    }
}
