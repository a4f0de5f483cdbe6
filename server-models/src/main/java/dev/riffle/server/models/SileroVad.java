package dev.riffle.server.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.riffle.audio.PauseDetector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * Silero VAD v5 on ONNX Runtime, the model FastRTC's ReplyOnPause uses. One loaded model serves every connection;
 * each {@link #detector()} keeps its own recurrent state and the last 64 samples, and feeds the model 576 samples
 * per 512-sample (32 ms at 16 kHz) window, as the reference implementation does.
 */
public final class SileroVad implements AutoCloseable {
    static final int RATE = 16_000;
    static final int WINDOW = 512;
    static final int CONTEXT = 64;
    private static final long[] INPUT_SHAPE = {1, CONTEXT + WINDOW};
    private static final long[] STATE_SHAPE = {2, 1, 128};

    private final OnnxModel model;

    private SileroVad(OnnxModel model) {
        this.model = model;
    }

    /** Loads the model ({@link ModelFile#SILERO_VAD_V5}, fetched on first use); fails saying how to get it if it cannot. */
    public static SileroVad load() {
        return new SileroVad(OnnxModel.load(ModelFile.SILERO_VAD_V5));
    }

    /** A detector with its own state, sharing this model. */
    public PauseDetector detector() {
        return new Detector(this);
    }

    @Override
    public void close() {
        model.close();
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static final class Detector implements PauseDetector {
        private final SileroVad vad;
        private final FloatBuffer input = direct(CONTEXT + WINDOW);
        private final FloatBuffer state = direct(2 * 128);
        private final float[] context = new float[CONTEXT];
        private final LongBuffer rate = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder())
                .asLongBuffer().put(0, RATE);

        Detector(SileroVad vad) {
            this.vad = vad;
        }

        @Override
        public int sampleRate() {
            return RATE;
        }

        @Override
        public int windowSamples() {
            return WINDOW;
        }

        @Override
        public float speechProbability(float[] window) {
            input.clear();
            input.put(context).put(window).flip();
            System.arraycopy(window, WINDOW - CONTEXT, context, 0, CONTEXT);
            var env = vad.model.environment();
            try (OnnxTensor in = OnnxTensor.createTensor(env, input.rewind(), INPUT_SHAPE);
                    OnnxTensor st = OnnxTensor.createTensor(env, state.rewind(), STATE_SHAPE);
                    OnnxTensor sr = OnnxTensor.createTensor(env, rate.rewind(), new long[0]);
                    OrtSession.Result result = vad.model.run(Map.of("input", in, "state", st, "sr", sr))) {
                float p = ((float[][]) result.get("output").orElseThrow().getValue())[0][0];
                FloatBuffer next = ((OnnxTensor) result.get("stateN").orElseThrow()).getFloatBuffer();
                state.clear();
                state.put(next).flip();
                return p;
            } catch (OrtException e) {
                throw new IllegalStateException("Silero VAD failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void reset() {
            state.clear();
            while (state.hasRemaining()) {
                state.put(0f);
            }
            state.clear();
            java.util.Arrays.fill(context, 0f);
        }

        @Override
        public PauseDetector copy() {
            return new Detector(vad);
        }
    }
}
