package dev.riffle.server.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.riffle.media.VideoFrame;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PaddleOCR PP-OCRv4 on ONNX Runtime: {@link #detect} finds text boxes in a frame (the DB detector's probability map,
 * thresholded, connected components, boxes grown by PaddleOCR's unclip ratio), {@link #recognize} reads one box
 * (CTC over the recognizer's 6,623 characters). One instance serves every session; calls are thread-safe.
 */
public final class PaddleOcr implements AutoCloseable {
    /** A text box in frame pixels, with the detector's mean probability inside it. */
    public record TextBox(int x, int y, int width, int height, float score) {
    }

    /** What a box says, and the recognizer's mean confidence over its characters. */
    public record Reading(String text, float confidence) {
    }

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final float PIXEL_THRESHOLD = 0.3f;
    private static final double UNCLIP_RATIO = 1.5;
    private static final int MAX_SIDE = 960;
    private static final int REC_HEIGHT = 48;
    private static final int REC_MAX_WIDTH = 1280;

    private final OnnxModel det;
    private final OnnxModel rec;
    private final List<String> keys;

    private PaddleOcr(OnnxModel det, OnnxModel rec, List<String> keys) {
        this.det = det;
        this.rec = rec;
        this.keys = keys;
    }

    /** Loads the models (fetched on first use, see {@link ModelFile}); fails saying how to get one that is missing. */
    public static PaddleOcr load() {
        List<String> keys;
        try {
            keys = Files.readAllLines(ModelFile.PPOCR_KEYS.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ModelFile.PPOCR_KEYS.location() + ": " + e.getMessage(), e);
        }
        OnnxModel det = OnnxModel.load(ModelFile.PPOCR_V4_DET);
        try {
            return new PaddleOcr(det, OnnxModel.load(ModelFile.PPOCR_V4_REC), keys);
        } catch (RuntimeException e) {
            det.close();
            throw e;
        }
    }

    /** Text boxes whose detector score is at least {@code minScore} (PaddleOCR's box threshold is 0.6). */
    public List<TextBox> detect(VideoFrame frame, float minScore) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(frame.width(), frame.height()));
        int w = Math.max(32, (int) Math.round(frame.width() * scale / 32) * 32);
        int h = Math.max(32, (int) Math.round(frame.height() * scale / 32) * 32);
        float[] input = new float[3 * w * h];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            int sy = Math.min(frame.height() - 1, y * frame.height() / h);
            for (int x = 0; x < w; x++) {
                int sx = Math.min(frame.width() - 1, x * frame.width() / w);
                int p = frame.pixel(sx, sy);
                int i = y * w + x;
                // BGR planes, as PaddleOCR reads images with OpenCV
                input[i] = ((p >>> 16 & 0xFF) / 255f - MEAN[0]) / STD[0];
                input[plane + i] = ((p >>> 8 & 0xFF) / 255f - MEAN[1]) / STD[1];
                input[2 * plane + i] = ((p & 0xFF) / 255f - MEAN[2]) / STD[2];
            }
        }
        float[] prob = run(det, input, new long[] {1, 3, h, w});
        return components(prob, w, h, frame.width() / (double) w, frame.height() / (double) h, frame, minScore);
    }

    private List<TextBox> components(float[] prob, int w, int h, double sx, double sy, VideoFrame frame,
            float minScore) {
        List<TextBox> boxes = new ArrayList<>();
        boolean[] seen = new boolean[w * h];
        int[] stack = new int[w * h];
        for (int start = 0; start < w * h; start++) {
            if (seen[start] || prob[start] < PIXEL_THRESHOLD) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            int minX = w;
            int minY = h;
            int maxX = -1;
            int maxY = -1;
            int count = 0;
            double sum = 0;
            while (top > 0) {
                int i = stack[--top];
                int x = i % w;
                int y = i / w;
                count++;
                sum += prob[i];
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                if (x > 0 && !seen[i - 1] && prob[i - 1] >= PIXEL_THRESHOLD) {
                    seen[i - 1] = true;
                    stack[top++] = i - 1;
                }
                if (x < w - 1 && !seen[i + 1] && prob[i + 1] >= PIXEL_THRESHOLD) {
                    seen[i + 1] = true;
                    stack[top++] = i + 1;
                }
                if (y > 0 && !seen[i - w] && prob[i - w] >= PIXEL_THRESHOLD) {
                    seen[i - w] = true;
                    stack[top++] = i - w;
                }
                if (y < h - 1 && !seen[i + w] && prob[i + w] >= PIXEL_THRESHOLD) {
                    seen[i + w] = true;
                    stack[top++] = i + w;
                }
            }
            int bw = maxX - minX + 1;
            int bh = maxY - minY + 1;
            float score = (float) (sum / count);
            if (bw < 3 || bh < 3 || score < minScore) {
                continue;
            }
            // the detector marks a shrunk text kernel; grow it back as PaddleOCR does: by area * ratio / perimeter
            double grow = bw * bh * UNCLIP_RATIO / (2.0 * (bw + bh));
            int x0 = clamp((int) Math.floor((minX - grow) * sx), frame.width());
            int y0 = clamp((int) Math.floor((minY - grow) * sy), frame.height());
            int x1 = clamp((int) Math.ceil((maxX + 1 + grow) * sx), frame.width());
            int y1 = clamp((int) Math.ceil((maxY + 1 + grow) * sy), frame.height());
            boxes.add(new TextBox(x0, y0, x1 - x0, y1 - y0, score));
        }
        return boxes;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }

    /** Reads the text inside {@code box}. */
    public Reading recognize(VideoFrame frame, TextBox box) {
        if (box.width() < 1 || box.height() < 1) {
            return new Reading("", 0);
        }
        int w = Math.min(REC_MAX_WIDTH, Math.max(8, (int) Math.ceil(REC_HEIGHT * (double) box.width() / box.height())));
        int h = REC_HEIGHT;
        float[] input = new float[3 * w * h];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            double fy = box.y() + (y + 0.5) * box.height() / h - 0.5;
            for (int x = 0; x < w; x++) {
                double fx = box.x() + (x + 0.5) * box.width() / w - 0.5;
                int p = bilinear(frame, fx, fy);
                int i = y * w + x;
                input[i] = (p >>> 16 & 0xFF) / 127.5f - 1f;
                input[plane + i] = (p >>> 8 & 0xFF) / 127.5f - 1f;
                input[2 * plane + i] = (p & 0xFF) / 127.5f - 1f;
            }
        }
        long[] shape = {1, 3, h, w};
        OrtSession.Result result = null;
        try (OnnxTensor in = OnnxTensor.createTensor(rec.environment(), FloatBuffer.wrap(input), shape)) {
            result = rec.run(Map.of(rec.firstInput(), in));
            float[][][] out = (float[][][]) result.get(0).getValue();
            return decode(out[0]);
        } catch (OrtException e) {
            throw new IllegalStateException("PaddleOCR recognition failed: " + e.getMessage(), e);
        } finally {
            if (result != null) {
                result.close();
            }
        }
    }

    /** CTC greedy decoding: best class per step, repeats merged, blanks (0) dropped. */
    private Reading decode(float[][] steps) {
        StringBuilder text = new StringBuilder();
        double confidence = 0;
        int chars = 0;
        int previous = 0;
        for (float[] step : steps) {
            int best = 0;
            for (int c = 1; c < step.length; c++) {
                if (step[c] > step[best]) {
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                text.append(best <= keys.size() ? keys.get(best - 1) : " ");
                confidence += step[best];
                chars++;
            }
            previous = best;
        }
        return new Reading(text.toString().trim(), chars == 0 ? 0 : (float) (confidence / chars));
    }

    private static int bilinear(VideoFrame f, double x, double y) {
        int x0 = clamp((int) Math.floor(x), f.width() - 1);
        int y0 = clamp((int) Math.floor(y), f.height() - 1);
        int x1 = Math.min(f.width() - 1, x0 + 1);
        int y1 = Math.min(f.height() - 1, y0 + 1);
        double ax = Math.max(0, Math.min(1, x - x0));
        double ay = Math.max(0, Math.min(1, y - y0));
        int out = 0;
        for (int shift = 0; shift < 24; shift += 8) {
            double top = (f.pixel(x0, y0) >>> shift & 0xFF) * (1 - ax) + (f.pixel(x1, y0) >>> shift & 0xFF) * ax;
            double bottom = (f.pixel(x0, y1) >>> shift & 0xFF) * (1 - ax) + (f.pixel(x1, y1) >>> shift & 0xFF) * ax;
            out |= (int) Math.round(top * (1 - ay) + bottom * ay) << shift;
        }
        return out | 0xFF << 24;
    }

    private static float[] run(OnnxModel model, float[] input, long[] shape) {
        try (OnnxTensor in = OnnxTensor.createTensor(model.environment(), FloatBuffer.wrap(input), shape);
                OrtSession.Result result = model.run(Map.of(model.firstInput(), in))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer fb = out.getFloatBuffer();
            float[] values = new float[fb.remaining()];
            fb.get(values);
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException("PaddleOCR detection failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            rec.close();
        } finally {
            det.close();
        }
    }
}
