package dev.riffle.examples;

import dev.riffle.blocks.Slider;
import dev.riffle.blocks.Textbox;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandlerWithOutputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.Stream;
import dev.riffle.server.models.PaddleOcr;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * This example shows how to:
 * <ul>
 * <li>run a real, heavy model on webcam frames on the server - PaddleOCR PP-OCRv4 text detection and recognition on
 * ONNX Runtime - in the seed's "object detection" shape: {@code stream(fn=detection, inputs=[image,
 * conf_threshold], outputs=[image])};</li>
 * <li>draw the result into the frame (a box around each piece of text) and send the words read as
 * {@link AdditionalOutputs} to a text box;</li>
 * <li>let a confidence slider (the detector's box score) change what is shown mid-stream.</li>
 * </ul>
 * The models are fetched on first use (or by {@code ./dev models} here); one loaded {@link PaddleOcr} serves every session.
 */
public final class ReadTextStream implements VideoHandlerWithOutputs {
    /** Boxes read per frame at most: recognition costs ~10-20 ms a box. */
    static final int MAX_READ = 8;
    private static final int BOX = VideoFrame.rgba(0, 220, 60, 255);

    private final PaddleOcr ocr;

    ReadTextStream(PaddleOcr ocr) {
        this.ocr = ocr;
    }

    public static Stream stream(PaddleOcr ocr) {
        return Stream.video("read-text", () -> new ReadTextStream(ocr))
                .additionalInputs(Slider.of(0, 1).step(0.05).value(0.6).label("Confidence Threshold"))
                .additionalOutputs(Textbox.create().lines(4).label("Text read"))
                .concurrencyLimit(2)
                .timeLimit(Duration.ofSeconds(60))
                .streamEvery(0.2)
                .title("Read text (OCR)")
                .build();
    }

    @Override
    public AdditionalOutputs handle(VideoFrame in, VideoFrame out, Inputs inputs) {
        float threshold = (float) inputs.number(0, 0.6);
        for (int i = 0; i < in.pixelCount(); i++) {
            out.setPixel(i, in.pixel(i));
        }
        List<PaddleOcr.TextBox> boxes = ocr.detect(in, threshold);
        boxes.sort((a, b) -> a.y() != b.y() ? Integer.compare(a.y(), b.y()) : Integer.compare(a.x(), b.x()));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < boxes.size(); i++) {
            PaddleOcr.TextBox box = boxes.get(i);
            outline(out, box);
            if (i < MAX_READ) {
                PaddleOcr.Reading r = ocr.recognize(in, box);
                if (!r.text().isEmpty()) {
                    text.append(r.text()).append(String.format(Locale.ROOT, " (%.2f)%n", r.confidence()));
                }
            }
        }
        return AdditionalOutputs.of(text.toString().trim());
    }

    /** A 3-pixel frame around the box. */
    static void outline(VideoFrame f, PaddleOcr.TextBox b) {
        for (int t = 0; t < 3; t++) {
            int x0 = Math.max(0, b.x() - t);
            int y0 = Math.max(0, b.y() - t);
            int x1 = Math.min(f.width() - 1, b.x() + b.width() - 1 + t);
            int y1 = Math.min(f.height() - 1, b.y() + b.height() - 1 + t);
            for (int x = x0; x <= x1; x++) {
                f.setPixel(x, y0, BOX);
                f.setPixel(x, y1, BOX);
            }
            for (int y = y0; y <= y1; y++) {
                f.setPixel(x0, y, BOX);
                f.setPixel(x1, y, BOX);
            }
        }
    }
}
