package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.examples.Gallery;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.RiffleServer;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Y4mWriter;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gallery's read-text stream (PaddleOCR on the server): the fake camera shows a Y4M frame with one line of
 * rendered text in its upper half; boxes must appear around it (and nowhere else), the text box must show the
 * words, and the confidence slider at 1 must take the boxes away.
 */
class ServerReadTextIT {
    static final String TEXT = "Hello World 2024";
    static final int BOX = VideoFrame.rgba(0, 220, 60, 255);
    static Chromium.Session chromium;
    static RiffleServer gallery;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("java.awt.headless", "true");
        VideoFrame scene = textScene();
        Path y4m = Files.createTempFile("riffle-text", ".y4m");
        Y4mWriter.write(y4m, 640, 480, 10, 10, i -> scene);
        chromium = Chromium.launch(Chromium.options().camera(y4m));
        gallery = Gallery.start(0, LitePageTestBase.liteDir());
    }

    /** Black bold text at (80, 100..150) on light grey; the lower half is empty. */
    static VideoFrame textScene() {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(235, 235, 230));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        g.drawString(TEXT, 80, 140);
        g.dispose();
        VideoFrame f = VideoFrame.allocate(640, 480);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                int rgb = img.getRGB(x, y);
                f.setPixel(x, y, VideoFrame.rgba(rgb >> 16, rgb >> 8, rgb, 255));
            }
        }
        return f;
    }

    @AfterAll
    static void stop() {
        if (gallery != null) {
            gallery.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    static int boxPixels(VideoFrame f, int y0, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < f.width(); x++) {
                if (f.pixel(x, y) == BOX) {
                    n++;
                }
            }
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "webrtc"})
    void boxesAppearAroundTheText_theWordsAreRead_andTheSliderHidesThem(String transport) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = ServerDemosIT.open(context, gallery, "/server/read-text/?format=raw&transport=" + transport);
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals(transport, page.evaluate("riffle.server.transport"));
            page.waitForFunction("t => document.querySelector('riffle-textbox').value.includes(t)", TEXT,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            if (transport.equals("websocket")) {
                page.waitForFunction("() => riffle.debug.last && riffle.debug.last.seq > 2");
                VideoFrame out = LitePageTestBase.recorded(page).output();
                int nearText = boxPixels(out, 70, 170);
                assertTrue(nearText > 400, "a box outlines the text line: " + nearText + " box pixels");
                assertEquals(0, boxPixels(out, 240, 480), "no boxes where there is no text");
            }
            page.evaluate("() => { const s = document.querySelector('riffle-slider input'); s.value = 1;"
                    + " s.dispatchEvent(new Event('change')); }");
            page.waitForFunction("() => document.querySelector('riffle-textbox').value === ''");
            if (transport.equals("websocket")) {
                page.waitForFunction("() => riffle.debug.last && riffle.debug.last.inputs[0] === 1");
                assertEquals(0, boxPixels(LitePageTestBase.recorded(page).output(), 0, 480),
                        "no box scores 1: the slider hides them all");
            }
        }
    }
}
