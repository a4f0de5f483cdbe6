package dev.riffle.e2e;

import dev.riffle.examples.Gallery;
import dev.riffle.server.RiffleServer;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.TestScenes;
import dev.riffle.testkit.Y4mWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
