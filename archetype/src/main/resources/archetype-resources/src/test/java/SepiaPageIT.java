package ${package};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffle.blocks.StaticServer;
import dev.riffle.handler.Inputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.testkit.RiffleBrowser;
import dev.riffle.testkit.RifflePage;
import dev.riffle.testkit.TestScenes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page in headless Chromium with a fake camera (mvn verify, after package wrote the site): the handler compiled
 * to WebAssembly gives the bytes it gives on the JVM.
 */
class SepiaPageIT {
    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.chromium().camera(TestScenes::moving);

    @Test
    void theBrowserTonesTheCameraAsTheJvmDoes(RifflePage page) throws Exception {
        try (StaticServer site = StaticServer.start(Path.of("target/riffle-site"), 0)) {
            page.open(site.url()).startWebcam().awaitProcessed(5);

            RifflePage.Frame last = page.lastFrame();
            assertEquals(0, page.errors(), page.lastError());
            assertArrayEquals(onTheJvm(last), last.output().toByteArray());

            page.setInput("Strength", "0");
            page.awaitProcessed(page.processed() + 3);
            RifflePage.Frame plain = page.lastFrame();
            assertEquals("0", plain.inputs().get(0));
            assertArrayEquals(onTheJvm(plain), plain.output().toByteArray());
        }
    }

    private static byte[] onTheJvm(RifflePage.Frame frame) {
        VideoFrame expected = VideoFrame.allocate(frame.input().width(), frame.input().height());
        new Sepia().handle(frame.input(), expected, Inputs.of(frame.inputs().toArray()));
        return expected.toByteArray();
    }
}
