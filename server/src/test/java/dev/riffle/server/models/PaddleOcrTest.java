package dev.riffle.server.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.media.VideoFrame;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaddleOcrTest {
    static PaddleOcr ocr;

    @BeforeAll
    static void load() {
        System.setProperty("java.awt.headless", "true");
        ocr = PaddleOcr.load();
    }

    @AfterAll
    static void release() {
        ocr.close();
        assertEquals(0, OnnxModel.openSessions(), "ONNX sessions left open");
    }

    /** Renders lines of black text on a light-grey 640x480 frame; returns the frame and each line's bounds. */
    record Page(VideoFrame frame, List<Rectangle> lines) {
    }

    static Page page(String... lines) {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(235, 235, 230));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        List<Rectangle> bounds = new java.util.ArrayList<>();
        int y = 120;
        for (String line : lines) {
            g.drawString(line, 60, y);
            Rectangle r = g.getFontMetrics().getStringBounds(line, g).getBounds();
            r.translate(60, y);
            bounds.add(ink(img, r));
            y += 150;
        }
        g.dispose();
        VideoFrame f = VideoFrame.allocate(640, 480);
        for (int py = 0; py < 480; py++) {
            for (int px = 0; px < 640; px++) {
                int rgb = img.getRGB(px, py);
                f.setPixel(px, py, VideoFrame.rgba(rgb >> 16, rgb >> 8, rgb, 255));
            }
        }
        return new Page(f, bounds);
    }

    /** The bounds of the dark pixels inside {@code area}: where the text really is. */
    static Rectangle ink(BufferedImage img, Rectangle area) {
        Rectangle ink = null;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                if ((img.getRGB(x, y) & 0xFF) < 128) {
                    Rectangle p = new Rectangle(x, y, 1, 1);
                    ink = ink == null ? p : ink.union(p);
                }
            }
        }
        return ink;
    }

    static double overlap(Rectangle truth, PaddleOcr.TextBox box) {
        Rectangle b = new Rectangle(box.x(), box.y(), box.width(), box.height());
        Rectangle i = truth.intersection(b);
        return i.isEmpty() ? 0 : (double) i.width * i.height / (truth.width * truth.height);
    }

    @Test
    void findsEachLineOfText_andReadsIt() {
        Page page = page("Hello World 2024", "open the door please");
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
        Page page = page("Hello World 2024");
        assertEquals(1, ocr.detect(page.frame(), 0.5f).size());
        assertEquals(0, ocr.detect(page.frame(), 1.01f).size());
    }
}
