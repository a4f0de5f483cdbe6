package dev.riffle.e2e;

import dev.riffle.testkit.RifflePage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.models.TextFrames;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Screenshots;
import dev.riffle.testkit.Y4mWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gallery's read-text stream (PaddleOCR on the server): the fake camera shows a Y4M frame with one line of
 * rendered text in its upper half; boxes must appear around it (and nowhere else), the text box must show the
 * words, and the confidence slider at 1 must take the boxes away.
 */
class ServerReadTextIT extends GalleryTestBase {
    static final String TEXT = "Hello World 2024";
    static final int BOX = VideoFrame.rgba(0, 220, 60, 255);

    @BeforeAll
    static void start() throws Exception {
        // black bold 44-point text, baseline at y=140; the lower half is empty
        VideoFrame scene = TextFrames.render(44, 140, 150, TEXT).frame();
        Path y4m = Files.createTempFile("riffle-text", ".y4m");
        Y4mWriter.write(y4m, 640, 480, 10, 10, i -> scene);
        startGallery(Chromium.options().camera(y4m));
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
            Page page = open(context, gallery, "/server/read-text/?format=raw&transport=" + transport);
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals(transport, page.evaluate("riffle.server.transport"));
            page.waitForFunction("t => document.querySelector('riffle-textbox').value.includes(t)", TEXT,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            if (transport.equals("websocket")) {
                page.waitForFunction("() => riffle.debug.last && riffle.debug.last.seq > 2");
                VideoFrame out = new RifflePage(page).lastFrame().output();
                int nearText = boxPixels(out, 70, 170);
                assertTrue(nearText > 400, "a box outlines the text line: " + nearText + " box pixels");
                assertEquals(0, boxPixels(out, 240, 480), "no boxes where there is no text");
                Screenshots.save(page, "server-read-text");
            }
            page.evaluate("() => { const s = document.querySelector('riffle-slider input'); s.value = 1;"
                    + " s.dispatchEvent(new Event('change')); }");
            page.waitForFunction("() => document.querySelector('riffle-textbox').value === ''");
            if (transport.equals("websocket")) {
                page.waitForFunction("() => riffle.debug.last && riffle.debug.last.inputs[0] === 1");
                assertEquals(0, boxPixels(new RifflePage(page).lastFrame().output(), 0, 480),
                        "no box scores 1: the slider hides them all");
            }
        }
    }
}
