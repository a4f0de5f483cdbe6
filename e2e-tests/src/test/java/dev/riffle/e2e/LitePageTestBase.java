package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import dev.riffle.blocks.StaticServer;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.PagePixels;
import dev.riffle.testkit.TestScenes;
import dev.riffle.testkit.Y4mWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Owns the expensive fixtures of the Lite page tests: one headless Chromium whose fake camera plays a generated
 * Y4M scene, and a static server for the exported Lite pages ({@code examples/target/lite}). Each test gets a
 * fresh context and page.
 */
abstract class LitePageTestBase {
    static Chromium.Session chromium;
    static StaticServer server;
    BrowserContext context;
    Page page;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        Path y4m = Files.createTempFile("riffle-camera", ".y4m");
        Y4mWriter.write(y4m, 640, 480, 30, 30, TestScenes::moving);
        chromium = Chromium.launch(Chromium.options().camera(y4m));
        server = StaticServer.start(liteDir(), 0);
    }

    @AfterAll
    static void stopBrowserAndServer() {
        if (server != null) {
            server.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = chromium.browser().newContext();
        page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                System.err.println("[page] " + m.text());
            }
        });
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    static Path liteDir() {
        Path dir = Path.of(System.getProperty("riffle.lite.dir", "../examples/target/lite"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("No exported Lite pages at " + dir.toAbsolutePath()
                    + "; build the examples module first (the README's test command does)");
        }
        return dir;
    }

    /** Opens a demo page, turns on frame capture and presses the webcam's Start button. */
    void openAndStart(String demo) {
        page.navigate(server.url() + demo + "/");
        page.waitForFunction("() => window.riffle && window.riffle.stats.wasmReadyAt > 0");
        page.evaluate("riffle.debug.capture = true");
        page.click("riffle-webcam button");
    }

    /** Waits until the page has processed {@code count} frames in all. */
    void awaitProcessed(int count) {
        page.waitForFunction("n => riffle.stats.processed >= n", count);
    }

    /** The last frame the page captured and what its handler made of it. */
    Recorded lastRecorded() {
        return recorded(page);
    }

    /** The last frame {@code page} captured and what its handler made of it. */
    static Recorded recorded(Page page) {
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) page.evaluate("riffle.debug.lastAsBase64()");
        List<?> inputs = (List<?>) last.get("inputs");
        return new Recorded(((Number) last.get("seq")).intValue(), PagePixels.frame(last, "input"),
                PagePixels.frame(last, "output"), inputs.isEmpty() ? "" : String.valueOf(inputs.get(0)));
    }

    /** Checks the last frame {@code page} captured came out exactly as {@code filter} makes it in the JVM. */
    static void assertLastFiltered(Page page, VideoHandler filter, String what) {
        Recorded last = recorded(page);
        assertArrayEquals(RealisticImageDemoIT.jvm(filter, last.input()).toByteArray(), last.output().toByteArray(),
                "frame " + last.seq() + what);
    }

    record Recorded(int seq, VideoFrame input, VideoFrame output, String firstInput) {
    }
}
