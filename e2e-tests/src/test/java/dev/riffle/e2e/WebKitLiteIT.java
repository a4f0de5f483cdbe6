package dev.riffle.e2e;

import dev.riffle.testkit.RiffleBrowser;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Lite pages and runtime in WebKit (WebKitGTK's MiniBrowser on Xvfb), driven over WebDriver. */
class WebKitLiteIT extends OtherBrowsersLiteTests {
    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.webkit();

    @Override
    String name() {
        return "webkit";
    }
}
