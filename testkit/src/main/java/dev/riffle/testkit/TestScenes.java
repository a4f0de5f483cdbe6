package dev.riffle.testkit;

import dev.riffle.media.VideoFrame;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Camera-like test pictures with edges, flat areas, gradients and text; each frame index looks different. */
public final class TestScenes {
    private TestScenes() {
    }

    /** Frame {@code i} of a 640x480 scene where a ball moves and a counter changes. */
    public static VideoFrame moving(int i) {
        return moving(640, 480, i);
    }

    /** Frame {@code i} of a {@code width x height} scene where a ball moves and a counter changes. */
    public static VideoFrame moving(int width, int height, int i) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(230, 200, 160), width, height, new Color(30, 50, 90)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(40, 140, 60));
        g.fillRect(width / 10, height / 8, width / 4, height / 3);
        g.setColor(new Color(200, 40, 40));
        int r = height / 8;
        int cx = (int) (width / 2 + width / 4 * Math.cos(i * 0.2));
        int cy = (int) (height / 2 + height / 5 * Math.sin(i * 0.2));
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, height / 9)));
        g.drawString("Riffle " + i, width / 12, height * 7 / 8);
        g.dispose();
        VideoFrame frame = VideoFrame.allocate(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = img.getRGB(x, y);
                frame.setPixel(x, y, VideoFrame.rgba(rgb >> 16, rgb >> 8, rgb, 255));
            }
        }
        return frame;
    }
}
