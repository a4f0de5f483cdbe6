package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffle.filters.Filters;
import dev.riffle.handler.Inputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.RiffleMount;
import dev.riffle.server.Stream;
import dev.riffle.server.transport.webrtc.WebRtcOptions;
import dev.riffle.testkit.RiffleBrowser;
import dev.riffle.testkit.RifflePage;
import dev.riffle.testkit.TestScenes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stream mounted with {@link RiffleMount} in an embedded Tomcat 11 under the context path {@code /app}, used from
 * Chromium with a fake camera as a visitor would: its page finds the client and the stream's routes under the
 * context path, over the WebSocket (raw frames: the JVM's flip, byte for byte) and over WebRTC.
 */
class MountedStreamIT {
    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.chromium().camera(TestScenes::moving);
    static Tomcat tomcat;
    static RiffleMount riffle;
    static String base;

    @BeforeAll
    static void startTomcat() throws Exception {
        Path dir = Files.createTempDirectory("riffle-tomcat");
        riffle = RiffleMount.create()
                .webrtc(WebRtcOptions.defaults().announcedAddress("127.0.0.1"))
                .mount("/flip", Stream.video(Filters.FLIP).concurrencyLimit(null).build());
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("/app", Files.createDirectories(dir.resolve("docs")).toString());
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> riffle.install(servletContext), null);
        tomcat.start();
        base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app";
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        if (riffle != null) {
            riffle.close();
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void overTheWebSocket_rawFrames_comeBackFlippedByteForByte(RifflePage page) {
        page.open(base + "/flip/?transport=websocket&format=raw").startWebcam().awaitProcessed(3);
        assertEquals("websocket", page.page().evaluate("riffle.server.transport"));
        RifflePage.Frame last = page.lastFrame();
        VideoFrame expected = VideoFrame.allocate(last.input().width(), last.input().height());
        Filters.FLIP.create().handle(last.input(), expected, Inputs.none());
        assertArrayEquals(expected.toByteArray(), last.output().toByteArray());
        page.stop();
    }

    @Test
    void overWebRtc_framesFlow(RifflePage page) {
        page.open(base + "/flip/").startWebcam().awaitServerState("streaming").awaitProcessed(5);
        assertEquals("webrtc", page.page().evaluate("riffle.server.transport"));
        assertEquals(0, page.errors(), page.lastError());
        page.stop();
    }
}
