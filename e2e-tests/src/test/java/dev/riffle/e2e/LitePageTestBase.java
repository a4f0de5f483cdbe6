package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.microsoft.playwright.Page;
import dev.riffle.blocks.StaticServer;
import dev.riffle.handler.VideoHandler;
import dev.riffle.testkit.RiffleBrowser;
import dev.riffle.testkit.RifflePage;
import dev.riffle.testkit.TestScenes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Lite page tests' fixtures: riffle-testkit's browser (one headless Chromium per class whose fake camera plays
 * {@link TestScenes#moving}, a fresh context and page per test) and a static server for the exported Lite pages
 * ({@code examples/target/lite}).
 */
abstract class LitePageTestBase {
    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.chromium().camera(TestScenes::moving);
    static StaticServer server;
    /** This test's page, and the same page as Playwright's. */
    RifflePage riffle;
    Page page;

    @BeforeAll
    static void startServer() throws Exception {
        server = StaticServer.start(liteDir(), 0);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void takePage() {
        riffle = browser.page();
        page = riffle.page();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                System.err.println("[page] " + m.text());
            }
        });
    }

    static Path liteDir() {
        Path dir = Path.of(System.getProperty("riffle.lite.dir", "../examples/target/lite"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("No exported Lite pages at " + dir.toAbsolutePath()
                    + "; build the examples module first (the README's test command does)");
        }
        return dir;
    }

    /** Opens a demo page and presses the webcam's Start button, keeping copies of the frames in and out. */
    void openAndStart(String demo) {
        riffle.open(server.url() + demo + "/").startWebcam();
    }

    /** Waits until the page has processed {@code count} frames in all. */
    void awaitProcessed(int count) {
        riffle.awaitProcessed(count);
    }

    /** The last frame the page captured and what its handler made of it. */
    RifflePage.Frame lastRecorded() {
        return riffle.lastFrame();
    }

    /** Checks the last frame {@code page} captured came out exactly as {@code filter} makes it in the JVM. */
    static void assertLastFiltered(Page page, VideoHandler filter, String what) {
        RifflePage.Frame last = new RifflePage(page).lastFrame();
        assertArrayEquals(RealisticImageDemoIT.jvm(filter, last.input()).toByteArray(), last.output().toByteArray(),
                "frame " + last.seq() + what);
    }
}
