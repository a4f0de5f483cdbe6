package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import dev.riffle.server.RiffleServer;
import dev.riffle.server.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves the examples gallery on http://127.0.0.1:PORT/ (default port 8080; {@code --port N}, 0 = a free port):
 * every demo as a Lite page under {@code /lite/} (handlers in the browser) and with its handler on the server under
 * {@code /server/} (queue, time limit, WebSocket transport). The Lite pages are exported afresh into {@code --dir}
 * (default {@code examples/target/lite}) at start-up.
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
        RiffleServer server = RiffleServer.create().port(port).directory("/lite", dir);
        StringBuilder lite = new StringBuilder();
        for (Map.Entry<String, Supplier<Blocks>> demo : Demos.lite().entrySet()) {
            lite.append(link("lite/" + demo.getKey() + "/", demo.getValue().get().title()));
        }
        StringBuilder onServer = new StringBuilder();
        Models models = new Models();
        server.closeWith(models);
        for (Map.Entry<String, Supplier<Blocks>> demo : Demos.server(models).entrySet()) {
            Blocks app = demo.getValue().get();
            server.app("/server/" + demo.getKey(), app);
            onServer.append(link("server/" + demo.getKey() + "/", app.title()));
        }
        for (Map.Entry<String, Supplier<Stream>> demo : Demos.streams(models).entrySet()) {
            Stream stream = demo.getValue().get();
            server.mount("/server/" + demo.getKey(), stream);
            onServer.append(link("server/" + demo.getKey() + "/", stream.name() + " (FastRTC-style Stream with"
                    + " a slider input and an additional output)"));
        }
        server.page("/", """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Riffle gallery</title><link rel="icon" href="data:,">
                <style>body{font-family:system-ui,sans-serif;margin:32px;max-width:760px}a{color:#ea580c}</style>
                </head>
                <body>
                <h1>Riffle gallery</h1>
                <h2>Lite</h2>
                <p>The handlers are Java compiled to WebAssembly and run in your browser on every webcam frame; these
                pages are static files (also in <code>examples/target/lite</code>).</p>
                <ul>
                %s</ul>
                <h2>Server</h2>
                <p>The same handlers on the server, behind the queue: webcam frames and microphone chunks travel
                over a WebSocket, the page shows your place in line and the orange time-limit bar. The audio echo is
                FastRTC's <code>StreamHandler</code> example: it plays your microphone back.</p>
                <ul>
                %s</ul>
                </body>
                </html>
                """.formatted(lite, onServer));
        return server.start();
    }

    private static String link(String href, String title) {
        return "<li><a href=\"" + href + "\">" + title.replace("<", "&lt;") + "</a></li>\n";
    }
}
