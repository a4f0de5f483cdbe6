package dev.riffle.server.models;

import dev.riffle.media.VideoFrame;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** 640x480 frames with lines of black bold text on light grey, rendered by Java2D, for the OCR tests and benchmark. */
public final class TextFrames {
    /** The frame, and the bounds of each line's dark pixels (where the text really is). */
    public record Page(VideoFrame frame, List<Rectangle> lines) {
    }

    private TextFrames() {
    }

    /** Each line at x=60, baselines {@code firstBaseline} apart by {@code spacing}, in a {@code size}-point font. */
    public static Page render(int size, int firstBaseline, int spacing, String... lines) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(235, 235, 230));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        List<Rectangle> bounds = new ArrayList<>();
        int y = firstBaseline;
        for (String line : lines) {
            g.drawString(line, 60, y);
            Rectangle r = g.getFontMetrics().getStringBounds(line, g).getBounds();
            r.translate(60, y);
            bounds.add(ink(img, r));
            y += spacing;
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

    private static Rectangle ink(BufferedImage img, Rectangle area) {
        Rectangle ink = null;
        for (int y = Math.max(0, area.y); y < Math.min(img.getHeight(), area.y + area.height); y++) {
            for (int x = Math.max(0, area.x); x < Math.min(img.getWidth(), area.x + area.width); x++) {
                if ((img.getRGB(x, y) & 0xFF) < 128) {
                    Rectangle p = new Rectangle(x, y, 1, 1);
                    ink = ink == null ? p : ink.union(p);
                }
            }
        }
        return ink;
    }
}
