package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import dev.riffle.examples.Gallery;
import dev.riffle.server.RiffleServer;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.TestScenes;
import dev.riffle.testkit.Y4mWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;

/** Browser tests of the examples gallery: one Chromium (with its fake devices) and one gallery server per class. */
abstract class GalleryTestBase {
    static Chromium.Session chromium;
    static RiffleServer gallery;

    /** Launches Chromium with {@code options} and serves the gallery on a free port of 127.0.0.1. */
    static void startGallery(Chromium.Options options) throws IOException {
        chromium = Chromium.launch(options);
        gallery = Gallery.start(0, LitePageTestBase.liteDir());
    }

    /** Serves the gallery to a Chromium whose fake camera shows {@link TestScenes#moving} (640x480, 30 fps). */
    static void startGalleryWithMovingCamera() throws IOException {
        Path y4m = Files.createTempFile("riffle-camera", ".y4m");
        Y4mWriter.write(y4m, 640, 480, 30, 30, TestScenes::moving);
        startGallery(Chromium.options().camera(y4m));
    }

    /** Opens {@code path} on {@code server}, turns on frame capture and presses the webcam's Start button. */
    static Page open(BrowserContext context, RiffleServer server, String path) {
        return open(context, server, path, "riffle-webcam");
    }

    /**
     * Opens {@code path} on {@code server} (its console errors go to stderr), turns on frame capture and presses the
     * Start button of the stream's {@code source} element: {@code riffle-webcam}, {@code riffle-microphone} or a
     * generator's {@code riffle-button}.
     */
    static Page open(BrowserContext context, RiffleServer server, String path, String source) {
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                System.err.println("[page] " + m.text() + " (" + m.location() + ")");
            }
        });
        page.navigate(server.uri().resolve(path).toString());
        page.waitForFunction("s => window.riffle && document.querySelector(s + ' button')", source);
        page.evaluate("riffle.debug.capture = true");
        page.click(source + " button");
        return page;
    }

    /**
     * Presses the Start/Stop button of the running stream's {@code source} element and waits until the page's stream
     * is idle; a failure says what the page was doing instead.
     */
    static void stop(Page page, String source) {
        assertEquals("Stop", page.textContent(source + " button"), () -> "the stream was not running: " + state(page));
        page.click(source + " button");
        try {
            page.waitForFunction("() => riffle.server.state === 'idle'", null,
                    new Page.WaitForFunctionOptions().setTimeout(10_000));
        } catch (PlaywrightException e) {
            throw new AssertionError("the stream did not stop: " + state(page), e);
        }
    }

    /** What the page's stream is doing, for failure messages. */
    static Object state(Page page) {
        return page.evaluate("() => JSON.stringify({ server: { ...riffle.server, logs: riffle.server.logs.slice(-12),"
                + " roundTrips: undefined }, stats: riffle.stats, buttons: [...document.querySelectorAll('button')]"
                + ".map(b => b.textContent) })");
    }

    /** Waits until {@code server} serves (or queues) exactly {@code n} sessions; fails after 10 s. */
    static void awaitSessions(RiffleServer server, int n) {
        awaitCount(server::sessionCount, n, "sessions", Duration.ofSeconds(10));
    }

    /** Waits until {@code count} is {@code n}; fails after {@code within}. */
    static void awaitCount(IntSupplier count, int n, String what, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (count.getAsInt() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " " + what + ", the server has " + count.getAsInt());
            }
            try {
                // the server tells no one when a session ends: poll its count
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @AfterAll
    static void stopGallery() {
        if (gallery != null) {
            gallery.close();
            gallery = null;
        }
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }
}
