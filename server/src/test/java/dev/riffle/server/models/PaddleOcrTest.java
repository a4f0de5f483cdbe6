package dev.riffle.server.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaddleOcrTest {
    static PaddleOcr ocr;

    @BeforeAll
    static void load() {
        ocr = PaddleOcr.load();
    }

    @AfterAll
    static void release() {
        ocr.close();
        assertEquals(0, OnnxModel.openSessions(), "ONNX sessions left open");
    }

    static TextFrames.Page page(String... lines) {
        return TextFrames.render(44, 120, 150, lines);
    }

    static double overlap(Rectangle truth, PaddleOcr.TextBox box) {
        Rectangle b = new Rectangle(box.x(), box.y(), box.width(), box.height());
        Rectangle i = truth.intersection(b);
        return i.isEmpty() ? 0 : (double) i.width * i.height / (truth.width * truth.height);
    }

    @Test
    void findsEachLineOfText_andReadsIt() {
        TextFrames.Page page = page("Hello World 2024", "open the door please");
        List<PaddleOcr.TextBox> boxes = ocr.detect(page.frame(), 0.6f);
        assertEquals(2, boxes.size(), boxes.toString());
        for (int i = 0; i < 2; i++) {
            Rectangle truth = page.lines().get(i);
            PaddleOcr.TextBox box = boxes.stream().max((a, b) -> Double.compare(overlap(truth, a), overlap(truth, b)))
                    .orElseThrow();
            assertTrue(overlap(truth, box) > 0.8, "line " + i + " " + truth + " covered by " + box);
            assertTrue(box.width() < truth.width * 1.3 && box.height() < truth.height * 2, "tight box " + box);
        }
        boxes.sort((a, b) -> Integer.compare(a.y(), b.y()));
        PaddleOcr.Reading first = ocr.recognize(page.frame(), boxes.get(0));
        PaddleOcr.Reading second = ocr.recognize(page.frame(), boxes.get(1));
        assertEquals("Hello World 2024", first.text());
        assertEquals("open the door please", second.text());
        assertTrue(first.confidence() > 0.9f, "confidence " + first.confidence());
    }

    @Test
    void aBlankFrame_hasNoText() {
        assertEquals(List.of(), ocr.detect(page().frame(), 0.3f));
    }

    @Test
    void theScoreThreshold_filtersBoxes() {
        TextFrames.Page page = page("Hello World 2024");
        assertEquals(1, ocr.detect(page.frame(), 0.5f).size());
        assertEquals(0, ocr.detect(page.frame(), 1.01f).size());
    }
}
