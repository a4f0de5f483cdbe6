package dev.riffle.testkit;

import com.microsoft.playwright.Page;
import java.nio.file.Path;

/**
 * Saves what a demo looks like while a test has it running, for the README: {@code <name>.png} in the folder the
 * system property {@code riffle.screenshots} names (default {@code target/screenshots}).
 */
public final class Screenshots {
    private Screenshots() {
    }

    public static void save(Page page, String name) {
        Path dir = Path.of(System.getProperty("riffle.screenshots", "target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
    }
}
