package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import dev.riffle.examples.vaadin.BlocksDemoView;
import dev.riffle.examples.vaadin.GalleryView;
import dev.riffle.server.RiffleMetrics;
import dev.riffle.server.RiffleServer;
import dev.riffle.server.Stream;
import dev.riffle.vaadin.RiffleVaadin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.ee11.servlet.ServletHolder;

/**
 * Serves the examples gallery on http://127.0.0.1:PORT/ (default port 8080; {@code --port N}, 0 = a free port):
 * every demo as a Lite page under {@code /lite/} (handlers in the browser) and with its handler on the server under
 * {@code /server/} (queue, time limit, WebRTC with a WebSocket fallback), each page headed by its title, what it does
 * and a link back to the index. The Lite pages are exported afresh into {@code --dir}
 * (default {@code examples/target/lite}) at start-up. {@code /metrics} has every stream's meters for Prometheus.
 */
public final class Gallery {
    private Gallery() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        Path dir = Path.of("examples/target/lite");
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --port N and --dir FOLDER");
            }
        }
        RiffleServer server = start(port, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Riffle gallery: " + server.uri() + "  (Ctrl+C stops it)");
        server.join();
    }

    /** Exports the Lite pages into {@code dir} and starts the gallery server on 127.0.0.1:{@code port}. */
    public static RiffleServer start(int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        ExportLitePages.export(dir);
        RiffleServer server = RiffleVaadin.server().port(port).directory("/lite", dir);
        // Riffle's meters and the JVM's, for Prometheus at /metrics
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new RiffleMetrics(server).bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        server.context().addServlet(new ServletHolder(new MetricsServlet(metrics)), "/metrics");
        // every Blocks app also renders as a Vaadin view (BlocksDemoView): Lite apps as lite-<name>
        Map<String, Supplier<Blocks>> vaadinApps = new LinkedHashMap<>();
        StringBuilder lite = new StringBuilder();
        StringBuilder liteInVaadin = new StringBuilder();
        for (Map.Entry<String, Supplier<Blocks>> demo : Demos.lite().entrySet()) {
            String title = demo.getValue().get().title();
            lite.append(link("lite/" + demo.getKey() + "/", title));
            vaadinApps.put("lite-" + demo.getKey(), withHeader(demo.getKey(), demo.getValue()));
            liteInVaadin.append(link("vaadin/blocks/lite-" + demo.getKey(), title + " (handler in the browser)"));
        }
        StringBuilder onServer = new StringBuilder();
        Models models = new Models();
        server.closeWith(models);
        // Vaadin views that run models (VoiceChatView) take the gallery's from here
        server.context().setAttribute(Models.class.getName(), models);
        StringBuilder inVaadin = new StringBuilder();
        for (Map.Entry<String, Supplier<Blocks>> demo : Demos.server(models).entrySet()) {
            Blocks app = Demos.withHeader(demo.getKey(), demo.getValue().get(), "../../");
            server.app("/server/" + demo.getKey(), app);
            onServer.append(link("server/" + demo.getKey() + "/", app.title()));
            vaadinApps.put(demo.getKey(), withHeader(demo.getKey(), demo.getValue()));
            inVaadin.append(link("vaadin/blocks/" + demo.getKey(), app.title() + " (handler on the server)"));
        }
        inVaadin.append(liteInVaadin);
        server.context().setAttribute(BlocksDemoView.APPS, vaadinApps);
        for (Map.Entry<String, Supplier<Stream>> demo : Demos.streams(models).entrySet()) {
            Stream stream = demo.getValue().get();
            String title = Demos.STREAM_TITLES.getOrDefault(demo.getKey(), stream.name());
            // the stream's own page (its ui()) gets the same header as the Blocks demos, before it is mounted
            stream.ui().addFirst(Demos.header(demo.getKey(), title, "../../"));
            server.mount("/server/" + demo.getKey(), stream);
            String about = " - a FastRTC-style <code>Stream</code>: " + escape(Demos.DESCRIPTIONS.get(demo.getKey()));
            onServer.append(link("server/" + demo.getKey() + "/", title).replace("</li>", about + "</li>"));
        }
        // the index is a Vaadin view (GalleryView at "/"): Vaadin's client bootstraps through the context root
        server.context().setAttribute(GalleryView.CONTENT, """
                <div class="riffle-gallery">
                <h1>Riffle gallery</h1>
                <h2>Lite</h2>
                <p>The handlers are Java compiled to WebAssembly and run in your browser on every webcam frame; these
                pages are static files (also in <code>%s</code>).</p>
                <ul>
                %s</ul>
                <h2>Server</h2>
                <p>The same handlers on the server, behind the queue: the webcam and the microphone travel over
                WebRTC, with a WebSocket fallback when WebRTC cannot connect; the page shows your place in line and
                the orange time-limit bar. The audio echo is FastRTC's <code>StreamHandler</code> example: it plays
                your microphone back.</p>
                <ul>
                %s</ul>
                <h2>Vaadin</h2>
                <p>The same handlers in Vaadin Flow views: Java components for the webcam and the output, server-side
                Vaadin fields as extra inputs and outputs.</p>
                <ul>
                <li><a href="vaadin/realistic-image">Realistic image demo</a> (handler in the browser;
                <a href="vaadin/realistic-image?placement=server">on the server</a>)</li>
                <li><a href="vaadin/edge-count">Edge count</a> (server handler, slider in, number out, queue
                status)</li>
                <li><a href="vaadin/stream-events">Stream events</a> (the Java component's events as they arrive;
                remove the webcam and put it back; one session at a time)</li>
                <li><a href="vaadin/voice-chat">Voice chat</a> (ReplyOnPause with Silero VAD, each turn written down
                by Pocketsphinx into a Vaadin <code>MessageList</code> chatbot and answered)</li>
                <li><code>WebRtcStream</code>, FastRTC's <code>WebRTC(modality, mode)</code> as one component:
                <a href="vaadin/webrtc/video">video</a> (flip), <a href="vaadin/webrtc/audio">audio</a> (echo),
                <a href="vaadin/webrtc/generate">receive</a> (a generator's video)</li>
                </ul>
                <p>Every Blocks app above, rendered as a Vaadin view by <code>BlocksRenderer</code> from the same
                definition:</p>
                <ul>
                %s</ul>
                </div>
                """.formatted(escape(dir.toAbsolutePath().normalize().toString()), lite, onServer, inVaadin));
        return server.start();
    }

    /** {@code demo}'s app with the gallery's header on top, made afresh for each view. */
    private static Supplier<Blocks> withHeader(String name, Supplier<Blocks> demo) {
        return () -> Demos.withHeader(name, demo.get(), "../../");
    }

    private static String link(String href, String title) {
        return "<li><a href=\"" + href + "\">" + escape(title) + "</a></li>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
