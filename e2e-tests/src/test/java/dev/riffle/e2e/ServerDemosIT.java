package dev.riffle.e2e;

import dev.riffle.testkit.RifflePage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.Placement;
import dev.riffle.blocks.Row;
import dev.riffle.filters.Edges;
import dev.riffle.filters.Filters;
import dev.riffle.filters.Flip;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.RiffleServer;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.PagePixels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed demos with their handlers on the server: the gallery's RiffleServer, Chromium with a fake camera, frames
 * over the WebSocket transport. Also the queue as a visitor sees it: two browser contexts on a stream with
 * concurrency limit 1.
 */
class ServerDemosIT extends GalleryTestBase {
    static RiffleServer queueServer;

    @BeforeAll
    static void start() throws Exception {
        startGalleryWithMovingCamera();
        Image input = Image.webcam().label("Input");
        Image output = Image.output().label("Output");
        input.stream(Filters.IDENTITY).inputs(input).outputs(output)
                .timeLimit(3).streamEvery(0.1).concurrencyLimit(1).placement(Placement.SERVER);
        queueServer = RiffleServer.create()
                .app("/one-at-a-time", new Blocks("One at a time").add(Row.of(Column.of(input), Column.of(output))))
                .start();
    }

    @AfterAll
    static void stopQueueServer() {
        if (queueServer != null) {
            queueServer.close();
        }
    }

    /**
     * The gallery's {@code /metrics} after a session streamed: the stream's frames counted, and the whole exposition
     * accepted by Prometheus' own parser ({@code promtool check metrics}, from Debian's {@code prometheus}).
     */
    @Test
    void galleryMetrics_countTheStreamsFrames_andPromtoolAcceptsThem() throws Exception {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/realistic-image/?format=raw&transport=websocket");
            page.waitForFunction("() => riffle.debug.last && riffle.debug.last.seq > 5");
            stop(page, "riffle-webcam");
        }
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(gallery.uri().resolve("/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        java.util.regex.Matcher processed = java.util.regex.Pattern.compile(
                "(?m)^riffle_frames_processed_total\\{[^}]*stream=\"/server/realistic-image/streams/0\"[^}]*} (\\S+)$")
                .matcher(metrics.body());
        assertTrue(processed.find(), metrics.body());
        assertTrue(Double.parseDouble(processed.group(1)) >= 5, processed.group());
        for (String name : new String[] {"riffle_sessions_active", "riffle_sessions_waiting", "riffle_queue_wait_seconds_count",
            "riffle_handler_time_seconds_sum", "riffle_webrtc_setup_seconds_count", "riffle_audio_backlog_seconds",
            "riffle_websocket_bytes_in_bytes_total", "riffle_time_limit_expiries_total"}) {
            assertTrue(metrics.body().contains("\n" + name + "{"), name + " in " + metrics.body());
        }

        java.nio.file.Path promtool = java.nio.file.Path.of("/usr/bin/promtool");
        if (!java.nio.file.Files.isExecutable(promtool)) {
            // ./dev test installs it as root, and then requires it (riffle.browsers.required)
            if (Boolean.getBoolean("riffle.browsers.required")) {
                org.junit.jupiter.api.Assertions.fail("promtool (Debian's prometheus) is missing");
            }
            org.junit.jupiter.api.Assumptions.abort("no promtool: apt-get install prometheus");
        }
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = check.getOutputStream()) {
            in.write(metrics.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String said = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), "promtool check metrics: " + said);
        assertEquals("", said.strip(), "no lint problems");
    }

    @Test
    void filterDemoOnTheServer_rawFrames_outputIsExactlyTheFilterOfTheInput() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/realistic-image/?format=raw&transport=websocket");
            page.waitForFunction("() => riffle.debug.last && riffle.debug.last.seq > 2");
            RifflePage.Frame flip = new RifflePage(page).lastFrame();
            assertEquals("flip", flip.inputs().get(0));
            assertEquals(640, flip.input().width());
            assertArrayEquals(RealisticImageDemoIT.jvm(new Flip(), flip.input()).toByteArray(),
                    flip.output().toByteArray(), "server flip of the frame the page sent");

            page.selectOption("riffle-dropdown select", "edges");
            page.waitForFunction("() => riffle.debug.last && riffle.debug.last.inputs[0] === 'edges'");
            RifflePage.Frame edges = new RifflePage(page).lastFrame();
            assertArrayEquals(RealisticImageDemoIT.jvm(new Edges(), edges.input()).toByteArray(),
                    edges.output().toByteArray(), "server Canny of the frame the page sent");
            stop(page, "riffle-webcam");
            assertArrayEquals(new RifflePage(page).lastFrame().output().toByteArray(),
                    PagePixels.canvas(page, "riffle-image canvas").toByteArray(), "the output shows the last frame");
        }
    }

    @Test
    void filterDemoOnTheServer_jpegFrames_outputIsCloseToTheFlippedInput() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/realistic-image/?transport=websocket");
            page.waitForFunction("() => riffle.debug.last && riffle.debug.last.seq > 2");
            RifflePage.Frame flip = new RifflePage(page).lastFrame();
            VideoFrame expected = RealisticImageDemoIT.jvm(new Flip(), flip.input());
            long total = 0;
            for (int i = 0; i < expected.pixelCount(); i++) {
                int a = expected.pixel(i);
                int b = flip.output().pixel(i);
                total += Math.abs((a & 0xFF) - (b & 0xFF)) + Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF))
                        + Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF));
            }
            double mean = total / (3.0 * expected.pixelCount());
            assertTrue(mean < 6, "two JPEG passes stay close to the exact flip: mean error " + mean);
            VideoFrame unflipped = flip.input();
            long againstUnflipped = 0;
            for (int i = 0; i < expected.pixelCount(); i++) {
                againstUnflipped += Math.abs((unflipped.pixel(i) & 0xFF) - (flip.output().pixel(i) & 0xFF));
            }
            assertTrue(againstUnflipped / (double) expected.pixelCount() > 3 * mean,
                    "and far from the unflipped input, so the check can fail");
        }
    }

    @Test
    void serverPage_preloadsExactlyTheScriptModulesItLoads() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/realistic-image/?transport=websocket");
            page.waitForFunction("() => riffle.stats.processed >= 1");
            RealisticImageDemoIT.assertPreloadsAreTheModulesLoaded(page);
        }
    }

    @Test
    void edgeCountStream_sliderChangesTheCountShownInTheNumber() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/server/edge-count/");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals("webrtc", page.evaluate("riffle.server.transport"), "WebRTC unless it cannot connect");
            page.waitForFunction("() => document.querySelector('riffle-number').value > 0");
            page.waitForFunction("() => riffle.stats.processed > 3");
            double atDefault = ((Number) page.evaluate("document.querySelector('riffle-number').value"))
                    .doubleValue();
            // a much higher threshold keeps fewer edge pixels
            page.evaluate("() => { const s = document.querySelector('riffle-slider input'); s.value = 250;"
                    + " s.dispatchEvent(new Event('change')); }");
            page.waitForFunction("n => document.querySelector('riffle-number').value < n * 0.8", atDefault);
            assertTrue(atDefault > 500, "the moving scene has edges: " + atDefault);
        }
    }

    @Test
    void concurrencyLimitOne_secondVisitorWaitsAtPositionOne_isServedAfterTheTimeLimit_firstRejoins() {
        try (BrowserContext first = chromium.browser().newContext();
                BrowserContext second = chromium.browser().newContext()) {
            Page a = open(first, queueServer, "/one-at-a-time/");
            a.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 0");
            assertFalse((Boolean) a.evaluate("document.querySelector('riffle-webcam .riffle-time-limit').hidden"),
                    "the orange time-limit bar runs while streaming");

            Page b = open(second, queueServer, "/one-at-a-time/");
            // the wait lasts the first visitor's 3 s: read what b was told, not what it shows later
            b.waitForFunction("() => riffle.server.state === 'waiting'"
                    + " && document.querySelector('riffle-webcam .riffle-status').textContent.includes('position 1')");
            assertEquals(1, ((Number) b.evaluate("riffle.server.messages.find(m => m.type === 'queue'"
                    + " && m.state === 'waiting').position")).intValue());
            assertEquals(0, ((Number) b.evaluate("riffle.server.messages.some(m => m.type === 'queue'"
                    + " && m.state === 'admitted') ? 0 : riffle.stats.processed")).intValue(),
                    "nothing while waiting");

            b.waitForFunction("() => riffle.server.state === 'streaming' && riffle.stats.processed > 0");
            a.waitForFunction("() => riffle.server.messages.some(m => m.type === 'expired')");
            a.waitForFunction("() => riffle.server.state === 'waiting'");
            assertEquals(1, ((Number) a.evaluate("riffle.server.position")).intValue(),
                    "the first visitor rejoined at the back of the line");
            assertTrue(a.textContent("riffle-webcam .riffle-status").contains("position 1"));
            int before = ((Number) a.evaluate("riffle.stats.processed")).intValue();
            a.waitForFunction("n => riffle.server.state === 'streaming' && riffle.stats.processed > n", before);
        }
    }
}
