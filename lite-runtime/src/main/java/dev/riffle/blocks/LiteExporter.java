package dev.riffle.blocks;

import dev.riffle.filters.Filters;
import dev.riffle.handler.LiteHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a {@link Blocks} app as a static Lite page: {@code index.html} (with the app description inline),
 * {@code app.json}, and the browser client and Wasm bundle under {@code riffle/}. Any static file server can serve
 * the folder; the handlers run in the visitor's browser.
 *
 * <pre>{@code
 * LiteExporter.export(app, Path.of("target/lite/filters"));
 * }</pre>
 */
public final class LiteExporter {
    /** The client files every Lite page needs, relative to {@code META-INF/resources/frontend/riffle/}. */
    static final List<String> CLIENT_FILES = List.of(
            "lite-page.js", "lite-runner.js", "lite-runtime.js", "debug-stats.js", "stream-elements.js",
            "stream-wiring.js", "media-view.js", "riffle-webcam.js", "riffle-image.js",
            "riffle-dropdown.js", "riffle-slider.js", "riffle-number.js", "riffle-textbox.js", "riffle-button.js",
            "protocol.js", "stream-events.js", "stream-session.js", "server-stream.js", "webrtc-stream.js",
            "server-connection.js", "server-media.js", "session-view.js", "audio-figures.js",
            "riffle-microphone.js", "riffle-audio.js", "mic-worklet.js",
            "riffle.css", "wasm/classes.wasm-runtime.js", "wasm/riffle-lite.wasm");
    private static final String CLIENT_ROOT = "META-INF/resources/frontend/riffle/";

    private LiteExporter() {
    }

    /**
     * Exports {@code app} into {@code dir} (created if missing; files of a previous export are replaced).
     *
     * @throws IllegalArgumentException if a stream uses a handler the Lite bundle does not contain
     * @throws UncheckedIOException if a file cannot be written, or the Wasm bundle is missing from the class path
     */
    public static void export(Blocks app, Path dir) {
        for (StreamEvent s : app.streams()) {
            checkInBundle(s);
        }
        String json = Json.write(app.describe());
        try {
            Files.createDirectories(dir.resolve("riffle/wasm"));
            for (String file : CLIENT_FILES) {
                try (InputStream in = LiteExporter.class.getClassLoader().getResourceAsStream(CLIENT_ROOT + file)) {
                    if (in == null) {
                        throw new IOException("Missing " + CLIENT_ROOT + file + " on the class path: build"
                                + " lite-runtime with Maven (the TeaVM step writes the Wasm bundle)");
                    }
                    Files.copy(in, dir.resolve("riffle/" + file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(dir.resolve("app.json"), json, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("index.html"), page(app, json, "./riffle/"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not export the Lite page to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void checkInBundle(StreamEvent event) {
        LiteHandler handler = event.handler();
        if (handler == null || event.placement() == Placement.SERVER) {
            throw new IllegalArgumentException("Stream '" + event.handlerId() + "' runs on the server; a Lite page"
                    + " can hold only streams whose handlers have a Wasm build (placement LITE or AUTO)");
        }
        for (LiteHandler builtIn : Filters.all()) {
            if (builtIn.id().equals(handler.id())) {
                return;
            }
        }
        throw new IllegalArgumentException("Handler '" + handler.id() + "' has no Wasm build in the Lite bundle;"
                + " the bundle has " + Filters.all().stream().map(LiteHandler::id).toList());
    }

    /**
     * The HTML page that renders {@code app}: its description inline, the client loaded from {@code clientBase}
     * (a URL path ending in {@code /}, e.g. {@code ./riffle/} next to an exported page, {@code /frontend/riffle/} on
     * a Riffle server).
     */
    public static String page(Blocks app, String json, String clientBase) {
        String title = app.title().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String safeJson = json.replace("</", "<\\/");
        boolean lite = app.streams().stream().anyMatch(s -> s.placement() != Placement.SERVER);
        String preload = !lite ? "" : """
                <link rel="modulepreload" href="%1$slite-runtime.js">
                <link rel="preload" href="%1$swasm/riffle-lite.wasm" as="fetch" type="application/wasm" crossorigin>
                """.formatted(clientBase);
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="%3$sriffle.css">
                %4$s</head>
                <body class="riffle-page">
                <main id="app"></main>
                <script type="application/json" id="riffle-app">%2$s</script>
                <script type="module">
                import { renderApp } from '%3$slite-page.js';
                renderApp(JSON.parse(document.getElementById('riffle-app').textContent), document.getElementById('app'));
                </script>
                </body>
                </html>
                """.formatted(title, safeJson, clientBase, preload);
    }
}
