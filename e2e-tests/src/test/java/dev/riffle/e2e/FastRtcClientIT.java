package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.blocks.NumberField;
import dev.riffle.blocks.Slider;
import dev.riffle.examples.EchoAudio;
import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.server.RiffleServer;
import dev.riffle.server.Stream;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.TestScenes;
import dev.riffle.testkit.Y4mWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that follows FastRTC's documentation literally, in Chromium, against Riffle's routes: offer and answer
 * with candidates trickled right after the offer, the "text" data channel and its "handshake", set_input by name
 * (the object-detection demo) and by position (the WebSocket docs), the /outputs stream, a duplicate webrtc_id, a
 * refusal over the limit, and the WebSocket client's mu-law audio. The page knows nothing of Riffle.
 */
class FastRtcClientIT {
    static Chromium.Session chromium;
    static RiffleServer server;
    static Stream echo;

    @BeforeAll
    static void start() throws IOException {
        Path y4m = Files.createTempFile("riffle-camera", ".y4m");
        Y4mWriter.write(y4m, 640, 480, 30, 30, TestScenes::moving);
        chromium = Chromium.launch(Chromium.options().camera(y4m));
        String page;
        try (InputStream in = FastRtcClientIT.class.getResourceAsStream("/fastrtc/client.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        echo = Stream.audio("echo", new EchoAudio()).sampleRate(24_000).concurrencyLimit(null).build();
        server = RiffleServer.create()
                .mount("/detect", Stream.video("detect", () -> (in, out, inputs) -> {
                    Filters.FLIP.create().handle(in, out, inputs);
                    return AdditionalOutputs.of(inputs.number(0, -1));
                }).additionalInputs(Slider.of(0, 1).step(0.05).value(0.3).label("Conf threshold"))
                        .additionalOutputs(NumberField.create()).concurrencyLimit(1).queueOverLimit(false).build())
                .mount("/echo", echo)
                .page("/client", page)
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    private static Page open(BrowserContext context) {
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                System.err.println("[page] " + m.text());
            }
        });
        page.navigate(server.uri().resolve("/client").toString());
        return page;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedWebRtcClient_streams_setsInputs_readsOutputs_andIsRefusedWhereFastRtcRefuses() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context);
            Map<String, Object> connected = (Map<String, Object>) page.evaluate("connectVideo('/detect')");
            String id = (String) connected.get("webrtcId");
            assertTrue(id != null && id.length() < 10, "FastRTC's short random id: " + connected);
            page.waitForFunction("() => window.log.frames > 30", null,
                    new Page.WaitForFunctionOptions().setTimeout(20_000));
            page.waitForFunction("() => window.log.messages.some(m => m.type === 'log'"
                    + " && m.data === 'Server received: handshake')");
            List<Map<String, Object>> candidates = (List<Map<String, Object>>) page.evaluate(
                    "window.log.candidatesPosted");
            assertTrue(!candidates.isEmpty() && candidates.stream().allMatch(c -> "success".equals(c.get("status"))),
                    "every trickled candidate was taken: " + candidates);
            assertTrue(((List<Map<String, Object>>) page.evaluate("window.log.messages")).stream()
                    .anyMatch(m -> "send_input".equals(m.get("type"))), "the server asked for the inputs");
            assertTrue(((List<Map<String, Object>>) page.evaluate("window.log.messages")).stream()
                    .noneMatch(m -> "error".equals(m.get("type"))), "no error on the data channel");

            page.evaluate("id => listen('/detect', id)", id);
            assertEquals(200, page.evaluate("id => setInput('/detect', {webrtc_id: id, conf_threshold: 0.65})",
                    id));
            page.waitForFunction("() => window.log.outputs.includes(0.65)");
            assertEquals(200, page.evaluate("id => setInput('/detect', {webrtc_id: id, inputs: [0.4]})", id));
            page.waitForFunction("() => window.log.outputs.includes(0.4)");
            assertTrue(((List<Object>) page.evaluate("window.log.messages.map(m => m.type)"))
                    .contains("fetch_output"));

            Map<String, Object> duplicate = (Map<String, Object>) page.evaluate("id => offerWithId('/detect', id)",
                    id);
            assertEquals("failed", duplicate.get("status"));
            assertEquals("connection_already_exists", ((Map<String, Object>) duplicate.get("meta")).get("error"));
            assertEquals(409, duplicate.get("httpStatus"));

            Page other = open(context);
            Map<String, Object> refused = (Map<String, Object>) other.evaluate("connectVideo('/detect')");
            Map<String, Object> meta = (Map<String, Object>) refused.get("failed");
            assertEquals("concurrency_limit_reached", meta.get("error"), refused.toString());
            assertEquals(1, meta.get("limit"));
            assertEquals(503, refused.get("httpStatus"));

            page.evaluate("stopVideo()");
            GalleryTestBase.awaitCount(server::sessionCount, 0, "sessions after the client closed",
                    java.time.Duration.ofSeconds(3));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedWebSocketClient_getsItsMuLawAudioBack() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context);
            Map<String, Object> result = (Map<String, Object>) page.evaluate("websocketEcho('/echo', 2)");
            assertTrue(((Number) result.get("media")).intValue() > 20, "media events came back: " + result);
            double rms = ((Number) result.get("rms")).doubleValue();
            assertTrue(rms > 0.2 && rms < 0.5, "the tone came back at its level (0.35): " + result);
            assertEquals(true, result.get("pong"));
            GalleryTestBase.awaitCount(() -> echo.sessionIds().size(), 0, "sessions after stop",
                    java.time.Duration.ofSeconds(5));
        }
    }
}
