package dev.riffle.filters;

import dev.riffle.media.VideoFrame;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Synthetic test scenes: smooth gradients, shapes, anti-aliased text and sensor-like noise. */
final class TestImages {
    private TestImages() {
    }

    /** A scene like a webcam view: a lit gradient background, shapes, text, a little noise. */
    static VideoFrame scene(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Random random = new Random(seed);
        g.setPaint(new GradientPaint(0, 0, new Color(200, 170, 140), w, h, new Color(40, 60, 90)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 8; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int x = random.nextInt(Math.max(1, w));
            int y = random.nextInt(Math.max(1, h));
            int s = 4 + random.nextInt(Math.max(1, Math.min(w, h) / 2 + 1));
            switch (i % 3) {
                case 0 -> g.fillOval(x - s / 2, y - s / 2, s, s);
                case 1 -> g.fillRect(x - s / 2, y - s / 3, s, s * 2 / 3);
                default -> {
                    g.setStroke(new BasicStroke(1 + random.nextInt(4)));
                    g.drawLine(x, y, random.nextInt(Math.max(1, w)), random.nextInt(Math.max(1, h)));
                }
            }
        }
        g.setColor(new Color(20, 20, 20));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, h / 10)));
        g.drawString("Riffle 2026", w / 10, h / 2);
        g.setColor(new Color(250, 250, 240));
        g.setFont(new Font(Font.SERIF, Font.PLAIN, Math.max(6, h / 16)));
        g.drawString("The quick brown fox", w / 8, h * 3 / 4);
        g.dispose();
        VideoFrame frame = VideoFrame.allocate(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int r = clamp((rgb >> 16 & 0xFF) + (int) (random.nextGaussian() * 3));
                int gr = clamp((rgb >> 8 & 0xFF) + (int) (random.nextGaussian() * 3));
                int b = clamp((rgb & 0xFF) + (int) (random.nextGaussian() * 3));
                frame.setPixel(x, y, VideoFrame.rgba(r, gr, b, 255));
            }
        }
        return frame;
    }

    /** Uniform random bytes: the worst case for edges and the median. */
    static VideoFrame noise(int w, int h, long seed) {
        Random random = new Random(seed);
        VideoFrame frame = VideoFrame.allocate(w, h);
        for (int i = 0; i < w * h; i++) {
            frame.setPixel(i, random.nextInt() | 0xFF000000);
        }
        return frame;
    }

    /** Horizontal and vertical ramps in different channels, with a hard step in the middle. */
    static VideoFrame gradient(int w, int h) {
        VideoFrame frame = VideoFrame.allocate(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = w == 1 ? 0 : x * 255 / (w - 1);
                int g = h == 1 ? 0 : y * 255 / (h - 1);
                int b = x < w / 2 ? 30 : 220;
                frame.setPixel(x, y, VideoFrame.rgba(r, g, b, 255));
            }
        }
        return frame;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
