package dev.riffle.e2e;

import dev.riffle.testkit.RiffleBrowser;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Lite pages and runtime in headless Firefox (firefox-esr), driven over WebDriver BiDi. */
class FirefoxLiteIT extends OtherBrowsersLiteTests {
    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.firefox();

    @Override
    String name() {
        return "firefox";
    }
}
