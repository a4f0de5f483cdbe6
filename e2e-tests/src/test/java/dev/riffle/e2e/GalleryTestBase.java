package dev.riffle.e2e;

import dev.riffle.examples.Gallery;
import dev.riffle.server.RiffleServer;
import dev.riffle.testkit.Chromium;
import java.io.IOException;
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
