package dev.riffle.testkit;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves what a demo looks like while a test has it running, for the README: {@code <name>.png} in the folder the
 * system property {@code riffle.screenshots} names (default {@code target/screenshots}).
 */
public final class Screenshots {
    private Screenshots() {
    }

    /** Saves a full-page screenshot of a Playwright page. */
    public static void save(Page page, String name) {
        Path dir = Path.of(System.getProperty("riffle.screenshots", "target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
    }

    /** Saves what a tab of any browser shows. */
    public static void save(BrowserTab tab, String name) {
        Path dir = Path.of(System.getProperty("riffle.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), tab.screenshot());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the screenshot " + name, e);
        }
    }
}
