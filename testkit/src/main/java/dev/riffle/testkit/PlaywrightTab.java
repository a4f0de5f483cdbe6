package dev.riffle.testkit;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.Arrays;

/** A Playwright page as a {@link BrowserTab} (Chromium in {@link RiffleBrowser#chromium()}). */
public final class PlaywrightTab implements BrowserTab {
    private final Page page;

    /** Wraps {@code page}; closing the tab closes the page. */
    public PlaywrightTab(Page page) {
        this.page = page;
    }

    /** The Playwright page underneath. */
    public Page page() {
        return page;
    }

    @Override
    public void navigate(String url) {
        page.navigate(url);
    }

    @Override
    public Object call(String function, Object... args) {
        return page.evaluate("(args) => (" + function + ")(...args)", Arrays.asList(args));
    }

    @Override
    public void waitFor(Duration timeout, String predicate, Object... args) {
        page.waitForFunction("(args) => (" + predicate + ")(...args)", Arrays.asList(args),
                new Page.WaitForFunctionOptions().setTimeout(timeout.toMillis()));
    }

    @Override
    public void click(String selector) {
        page.click(selector);
    }

    @Override
    public byte[] screenshot() {
        return page.screenshot();
    }

    @Override
    public String browser() {
        return page.context().browser().browserType().name() + " " + page.context().browser().version();
    }

    @Override
    public void close() {
        page.close();
    }
}
