package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riffle.handler.Inputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.RiffleMount;
import dev.riffle.testkit.RiffleBrowser;
import dev.riffle.testkit.RifflePage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.riffle.server.StreamHost;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The example app as its team runs it - Spring Boot on Tomcat, under a context path - with Chromium's fake camera and
 * microphone: the Vaadin views' server streams over the WebSocket and over WebRTC, the plain stream bean, and the
 * health indicator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.servlet.context-path=/shop", "server.address=127.0.0.1"})
class ShopAppIT {
    @RegisterExtension
    static RiffleBrowser browser = RiffleBrowser.chromium();

    @LocalServerPort
    int port;

    @Autowired
    RiffleMount riffle;

    @Autowired
    ServletContext servletContext;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    private String url(String path) {
        return "http://127.0.0.1:" + port + "/shop" + path;
    }

    @Test
    void runsOnTomcat_withRiffleMountedInIt() {
        assertTrue(servletContext.getServerInfo().startsWith("Apache Tomcat"), servletContext.getServerInfo());
        assertEquals(riffle, StreamHost.of(servletContext), "the views find the starter's mount");
        assertTrue(riffle.isRunning());
    }

    /** What the app pulls in: Riffle's core and WebRTC, not Jetty (Tomcat serves it), not ONNX Runtime (no models). */
    @Test
    void theClassPath_hasNoJettyAndNoOnnxRuntime() {
        for (String absent : new String[] {"org.eclipse.jetty.server.Server", "ai.onnxruntime.OrtEnvironment",
            "dev.riffle.server.RiffleServer"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent);
        }
    }

    @Test
    void negativeView_overTheWebSocket_outputIsExactlyTheFilterOfTheInput(RifflePage page) {
        page.open(url("/?transport=websocket&format=raw")).startWebcam().awaitProcessed(5);
        assertEquals("websocket", page.page().evaluate("riffle.server.transport"));
        RifflePage.Frame last = page.lastFrame();
        VideoFrame expected = VideoFrame.allocate(last.input().width(), last.input().height());
        new Negative().handle(last.input(), expected, Inputs.none());
        assertArrayEquals(expected.toByteArray(), last.output().toByteArray(), "frame " + last.seq());
        assertTrue(riffle.paths().stream().anyMatch(p -> p.startsWith("/riffle/streams/com.example.shop.FilterView")),
                "the view's stream mounted on the app's RiffleMount: " + riffle.paths());
        page.stop();
    }

    @Test
    void negativeView_overWebRtc(RifflePage page) {
        page.open(url("/")).startWebcam();
        page.page().waitForFunction("() => riffle.server.transport === 'webrtc' && riffle.stats.processed > 10");
        assertEquals("streaming", page.serverState());
        assertEquals(0L, ((Number) page.page().evaluate("riffle.server.fallbacks")).longValue());
        // the answer is the negative of the camera (through a video codec): what the output plays, sampled at 64x48
        // in grey, anti-correlates with the camera (the moving scene's still background dominates both)
        double correlation = ((Number) page.page().evaluate("() => {"
                + " const grey = v => { const c = document.createElement('canvas'); c.width = 64; c.height = 48;"
                + "   const g = c.getContext('2d'); g.drawImage(v, 0, 0, 64, 48);"
                + "   const d = g.getImageData(0, 0, 64, 48).data; const out = [];"
                + "   for (let i = 0; i < d.length; i += 4) out.push(d[i] + d[i + 1] + d[i + 2]);"
                + "   return out; };"
                + " const a = grey(document.querySelector('#webcam video'));"
                + " const b = grey(document.querySelector('#output video'));"
                + " const mean = x => x.reduce((s, v) => s + v, 0) / x.length;"
                + " const ma = mean(a), mb = mean(b); let ab = 0, aa = 0, bb = 0;"
                + " for (let i = 0; i < a.length; i++) {"
                + "   ab += (a[i] - ma) * (b[i] - mb); aa += (a[i] - ma) ** 2; bb += (b[i] - mb) ** 2; }"
                + " return ab / Math.sqrt(aa * bb); }")).doubleValue();
        assertTrue(correlation < -0.8, "the output is the camera's negative: correlation " + correlation);
        page.stop();
    }

    @Test
    void echoView_overWebRtc_theToneComesBack(RifflePage page) {
        page.open(url("/echo")).startMicrophone().awaitServerState("streaming");
        assertEquals("webrtc", page.page().evaluate("riffle.server.transport"));
        page.page().waitForFunction("() => riffle.audio.received >= 50 && riffle.audio.output.rms > 0.05");
        assertEquals(440, page.outputFrequency(), 3, "the fake microphone's 440 Hz comes back");
        page.stop();
    }

    @Test
    void theStreamBean_hasItsPageAndFastRtcsWebSocket(RifflePage page) {
        page.open(url("/flip/?transport=websocket&format=raw")).startWebcam().awaitProcessed(3);
        RifflePage.Frame last = page.lastFrame();
        VideoFrame expected = VideoFrame.allocate(last.input().width(), last.input().height());
        dev.riffle.filters.Filters.FLIP.create().handle(last.input(), expected, Inputs.none());
        assertArrayEquals(expected.toByteArray(), last.output().toByteArray());
        page.stop();
        // the starter put the stream's meters in the app's registry (Actuator's), tagged with its path as requested
        assertTrue(registry.find("riffle.frames.processed").tag("stream", "/shop/flip").functionCounter().count() >= 3);
    }

    @Test
    void health_showsRiffleUp() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url("/actuator/health"))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode riffleHealth = new ObjectMapper().readTree(health.body()).path("components").path("riffle");
        assertEquals("UP", riffleHealth.path("status").asText(), health.body());
        assertTrue(riffleHealth.path("details").path("streams").toString().contains("/flip"), health.body());
    }
}
