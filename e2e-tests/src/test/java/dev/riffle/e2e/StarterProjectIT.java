package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.blocks.LiteApp;
import dev.riffle.blocks.StaticServer;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.RiffleServer;
import dev.riffle.testkit.RiffleBrowser;
import dev.riffle.testkit.RifflePage;
import dev.riffle.testkit.TestScenes;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The user's path, end to end: a fresh project generated from riffle-lite-archetype outside this build, built by
 * Maven against the installed Riffle artifacts only (the README's test command installs them first), its site served
 * and checked in Chromium with a fake camera - the starter's own sepia handler, compiled to Wasm by
 * riffle-maven-plugin, gives the bytes the same class gives on the JVM. Then the development loop: riffle:run serves
 * the site, an edit to the handler is rebuilt and the open page reloads with the new output.
 */
class StarterProjectIT {
    private static final Pattern SERVING = Pattern.compile("Serving .* on (http://\\S+/)");

    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.chromium().camera(TestScenes::moving);

    static Path project;

    @BeforeAll
    static void generateAndBuild() throws Exception {
        project = UserMaven.generateStarter(Files.createTempDirectory("riffle-starter"));
        String log = UserMaven.run(project, "verify", "-Driffle.chromium=" + System.getProperty("riffle.chromium", ""));
        assertTrue(log.contains("Tests run: 2, Failures: 0"), "the starter's JVM test ran:\n" + log);
        assertTrue(log.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed")
                && log.contains("SepiaPageIT"), "the starter's page test ran in Chromium:\n" + log);
        assertTrue(Files.isRegularFile(project.resolve("target/riffle-site/index.html")));
    }

    @Test
    void theStartersOwnHandler_runsInWasm_withTheJvmsBytes(RifflePage page) throws Exception {
        try (StaticServer site = StaticServer.start(project.resolve("target/riffle-site"), 0);
                URLClassLoader classes = new URLClassLoader(
                        new URL[] {project.resolve("target/classes").toUri().toURL()}, getClass().getClassLoader())) {
            VideoHandler sepia = (VideoHandler) classes.loadClass("com.example.sepia.Sepia")
                    .getConstructor().newInstance();
            page.open(site.url()).startWebcam().awaitProcessed(5);

            RifflePage.Frame last = page.lastFrame();
            assertEquals(0, page.errors(), page.lastError());
            assertEquals(List.of("100"), last.inputs(), "the strength slider's value reached the handler");
            assertArrayEquals(jvm(sepia, last.input(), last.inputs()).toByteArray(), last.output().toByteArray(),
                    "frame " + last.seq() + ": Wasm and JVM differ");
            assertFalse(java.util.Arrays.equals(last.input().toByteArray(), last.output().toByteArray()),
                    "the output is toned, not the camera's frame");
            assertTrue(isSepia(last.output()), "every pixel has red >= green >= blue");

            page.setInput("Strength", "0");
            page.page().waitForFunction("() => riffle.debug.last && riffle.debug.last.inputs[0] == '0'");
            RifflePage.Frame plain = page.lastFrame();
            assertArrayEquals(jvm(sepia, plain.input(), plain.inputs()).toByteArray(), plain.output().toByteArray());
        }
    }

    @Test
    void onARiffleServer_theAppsOwnBundleRunsItInTheBrowser_andTheServerWhenTheBundleCannotLoad(RifflePage page)
            throws Exception {
        try (URLClassLoader classes = new URLClassLoader(
                        new URL[] {project.resolve("target/classes").toUri().toURL()}, getClass().getClassLoader());
                RiffleServer server = RiffleServer.create()
                        .liteApp("/sepia", (LiteApp) classes.loadClass("com.example.sepia.SepiaApp")
                                .getConstructor().newInstance()).start()) {
            VideoHandler sepia = (VideoHandler) classes.loadClass("com.example.sepia.Sepia")
                    .getConstructor().newInstance();
            page.open(server.uri() + "sepia/").startWebcam().awaitProcessed(5);
            RifflePage.Frame last = page.lastFrame();
            assertArrayEquals(jvm(sepia, last.input(), last.inputs()).toByteArray(), last.output().toByteArray(),
                    "the plugin's bundle, served by the server, ran the handler in the browser");
            assertEquals("idle", page.serverState(), "no server session while the browser runs it");
            assertEquals("", page.liteFallback());
            assertEquals(0, server.sessionCount());
            assertTrue((Boolean) page.page().evaluate("() => performance.getEntriesByType('resource')"
                    + ".some(e => e.name.endsWith('/sepia/bundle.wasm'))"), "the page loaded the app's bundle");

            // a browser that cannot load the bundle: the same stream runs on the server, behind its queue
            page.page().context().route("**/bundle.wasm", route -> route.abort());
            page.open(server.uri() + "sepia/").startWebcam();
            page.awaitServerState("streaming");
            int processed = page.processed();
            page.awaitProcessed(processed + 3);
            assertFalse(page.liteFallback().isEmpty());
            RifflePage.Frame remote = page.lastFrame();
            double error = ServerWebRtcIT.meanError(jvm(sepia, remote.input(), remote.inputs()), remote.output());
            double untoned = ServerWebRtcIT.meanError(remote.input(), remote.output());
            assertTrue(error < 8 && untoned > 3 * error, "the server toned the camera: mean error " + error
                    + ", against the untoned camera " + untoned);
        }
    }

    @Test
    void riffleRun_servesTheSite_andAnEditedHandlerReloadsTheOpenPage(RifflePage page) throws Exception {
        Path copy = Files.createTempDirectory("riffle-starter-run").resolve("sepia-app");
        UserMaven.copyTree(project, copy);
        Process run = UserMaven.start(copy, "riffle:run", "-Driffle.port=0");
        try {
            BlockingQueue<String> lines = UserMaven.lines(run);
            String url = UserMaven.awaitLine(lines, SERVING, 180).group(1);
            page.open(url).startWebcam().awaitProcessed(3);
            assertTrue(isSepia(page.lastFrame().output()));

            page.page().evaluate("window.beforeTheEdit = true");
            // the user edits the handler: every pixel a fixed colour
            Path source = copy.resolve("src/main/java/com/example/sepia/Sepia.java");
            String edited = Files.readString(source).replace("dst.put(i + 3, (byte) 255);",
                    "dst.put(i, (byte) 12); dst.put(i + 1, (byte) 34); dst.put(i + 2, (byte) 56);"
                            + " dst.put(i + 3, (byte) 255);");
            Files.writeString(source, edited);
            UserMaven.awaitLine(lines, Pattern.compile("Rebuilt"), 120);
            // the page reloads by itself (a new document: the mark is gone); its webcam starts on a press, as ever
            page.page().waitForFunction("() => window.riffle && !window.beforeTheEdit");
            page.open(url).startWebcam().awaitProcessed(3);
            VideoFrame out = page.lastFrame().output();
            assertEquals(VideoFrame.rgba(12, 34, 56, 255), out.pixel(0, 0));
            assertEquals(VideoFrame.rgba(12, 34, 56, 255), out.pixel(out.width() - 1, out.height() - 1));
        } finally {
            UserMaven.stop(run);
        }
    }

    private static VideoFrame jvm(VideoHandler handler, VideoFrame in, List<String> inputs) {
        VideoFrame out = VideoFrame.allocate(in.width(), in.height());
        handler.handle(in, out, Inputs.of(inputs.toArray()));
        return out;
    }

    private static boolean isSepia(VideoFrame frame) {
        for (int i = 0; i < frame.pixelCount(); i++) {
            int p = frame.pixel(i);
            int r = p & 0xff;
            int g = p >> 8 & 0xff;
            int b = p >> 16 & 0xff;
            if (r < g || g < b) {
                return false;
            }
        }
        return true;
    }
}
