package dev.riffle.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.LiteApp;
import dev.riffle.blocks.LiteExporter;
import dev.riffle.blocks.Placement;
import dev.riffle.handler.LiteHandler;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A project's LiteApp on a Riffle server: the page names the app's own bundle (riffle-maven-plugin's, from the app's
 * class path) and the server serves it; AUTO streams run in the browser with this server as their fallback, or here
 * when the bundle is missing; LITE without a bundle is refused.
 */
class LiteAppServingTest {
    private static final LiteHandler TONE = new LiteHandler("tone", () -> (in, out, inputs) -> { });

    /** An app with a bundle among the test resources (as the plugin puts it among a project's classes). */
    public static final class ToneApp implements LiteApp {
        @Override
        public List<LiteHandler> handlers() {
            return List.of(TONE);
        }

        @Override
        public Blocks app() {
            return page(Placement.AUTO);
        }
    }

    /** The same app, never built by the plugin. */
    public static final class UnbuiltApp implements LiteApp {
        private final Placement placement;

        public UnbuiltApp() {
            this(Placement.AUTO);
        }

        UnbuiltApp(Placement placement) {
            this.placement = placement;
        }

        @Override
        public List<LiteHandler> handlers() {
            return List.of(TONE);
        }

        @Override
        public Blocks app() {
            return page(placement);
        }
    }

    static Blocks page(Placement placement) {
        Image camera = Image.webcam();
        camera.stream(TONE).inputs(camera).outputs(camera).placement(placement);
        return new Blocks("Tone").add(camera);
    }

    private static HttpResponse<byte[]> get(RiffleServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theAppsBundle_isServedWithThePage_andAutoFallsBackToThisServer() throws Exception {
        try (RiffleServer server = RiffleServer.create().liteApp("/tone", new ToneApp()).start();
                InputStream expected = getClass().getClassLoader().getResourceAsStream(
                        LiteExporter.bundleResource(ToneApp.class.getName()))) {
            String page = new String(get(server, "/tone/").body());
            assertTrue(page.contains("\"bundle\":\"/tone/bundle.wasm\""), page);
            assertTrue(page.contains("\"fallback\":\"/tone/streams/0\""), "AUTO: Lite first, this server after: "
                    + page);
            assertFalse(page.contains("\"server\":"), "nothing runs on the server unless the browser cannot: " + page);
            HttpResponse<byte[]> bundle = get(server, "/tone/bundle.wasm");
            assertEquals(200, bundle.statusCode());
            assertEquals("application/wasm", bundle.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(expected.readAllBytes(), bundle.body());
            assertEquals(200, get(server, "/tone/streams/0/queue").statusCode(), "the fallback stream is mounted");
        }
    }

    @Test
    void aServerStream_runsHere_evenWhenItsHandlerIsInTheBundle() throws Exception {
        try (RiffleServer server = RiffleServer.create().app("/tone", page(Placement.SERVER)).start();
                RiffleServer built = RiffleServer.create().app("/flip", flipPage(Placement.SERVER)).start()) {
            String page = new String(get(server, "/tone/").body());
            assertTrue(page.contains("\"server\":\"/tone/streams/0\""), page);
            String flip = new String(get(built, "/flip/").body());
            assertTrue(flip.contains("\"server\":\"/flip/streams/0\""), flip);
            assertFalse(flip.contains("\"fallback\""), flip);
        }
    }

    static Blocks flipPage(Placement placement) {
        Image camera = Image.webcam();
        camera.stream(dev.riffle.filters.Filters.FLIP).inputs(camera).outputs(camera).placement(placement);
        return new Blocks("Flip").add(camera);
    }

    @Test
    void withoutABundle_autoStreamsRunHere_andLiteIsRefused() throws Exception {
        try (RiffleServer server = RiffleServer.create().liteApp("/tone", new UnbuiltApp()).start()) {
            String page = new String(get(server, "/tone/").body());
            assertTrue(page.contains("\"server\":\"/tone/streams/0\""), page);
            assertFalse(page.contains("\"bundle\""), page);
            assertEquals(404, get(server, "/tone/bundle.wasm").statusCode());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RiffleServer.create().liteApp("/tone", new UnbuiltApp(Placement.LITE)));
        assertEquals("Stream 'tone' has placement LITE, but no Wasm bundle of " + UnbuiltApp.class.getName()
                + " holds its handler: build the app with riffle-maven-plugin, or use placement AUTO", e.getMessage());
    }
}
