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
import java.util.ArrayList;
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
    private static final String BUNDLE = "wasm/riffle-lite.wasm";

    private LiteExporter() {
    }

    /**
     * Where riffle-maven-plugin puts a {@link LiteApp}'s Wasm bundle among the project's classes, for a Riffle server
     * to serve with the app ({@code RiffleServer.liteApp(path, app)}).
     */
    public static String bundleResource(String appClassName) {
        return "META-INF/riffle/bundles/" + appClassName + ".wasm";
    }

    /** The ids of the handlers in Riffle's built-in bundle ({@link Filters#all()}). */
    public static List<String> builtInIds() {
        return Filters.all().stream().map(LiteHandler::id).toList();
    }

    /**
     * Exports {@code app} into {@code dir} (created if missing; files of a previous export are replaced) with the
     * built-in bundle, which holds the handlers of {@link Filters#all()}.
     *
     * @throws IllegalArgumentException if a stream uses a handler the built-in bundle does not contain
     * @throws UncheckedIOException if a file cannot be written, or the Wasm bundle is missing from the class path
     */
    public static void export(Blocks app, Path dir) {
        List<String> builtIn = builtInIds();
        for (StreamEvent s : app.streams()) {
            checkInBundle(s, builtIn, " Compile your own handlers with riffle-maven-plugin (README: \"Your own Lite"
                    + " handler in 5 minutes\").");
        }
        write(app, dir, null);
    }

    /**
     * Exports a project's {@link LiteApp} into {@code dir} with {@code bundle}, the Wasm that riffle-maven-plugin
     * compiled from {@link LiteApp#handlers()}.
     *
     * @throws IllegalArgumentException if two handlers share an id, or a Lite stream of {@link LiteApp#app()} uses a
     *         handler that {@link LiteApp#handlers()} does not list
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static void export(LiteApp app, Path dir, Path bundle) {
        write(check(app), dir, bundle);
    }

    /**
     * Checks a project's {@link LiteApp} on the JVM before anything is compiled: handler ids are unique and every
     * Lite stream of its page uses one of {@link LiteApp#handlers()}.
     *
     * @return the page, {@link LiteApp#app()}
     * @throws IllegalArgumentException naming what is wrong and where to fix it
     */
    public static Blocks check(LiteApp app) {
        String name = app.getClass().getName();
        List<String> ids = new ArrayList<>();
        List<LiteHandler> handlers = app.handlers();
        if (handlers == null || handlers.isEmpty()) {
            throw new IllegalArgumentException(name + ".handlers() lists no handler: list the LiteHandlers the page"
                    + " uses");
        }
        for (LiteHandler handler : handlers) {
            if (ids.contains(handler.id())) {
                throw new IllegalArgumentException(name + ".handlers() lists handler id '" + handler.id()
                        + "' twice; each id names one handler");
            }
            ids.add(handler.id());
        }
        Blocks page = app.app();
        if (page == null) {
            throw new IllegalArgumentException(name + ".app() returned null; it builds the page");
        }
        for (StreamEvent s : page.streams()) {
            checkInBundle(s, ids, " Add it to " + name + ".handlers().");
        }
        return page;
    }

    private static void write(Blocks app, Path dir, Path bundle) {
        String json = Json.write(app.describe());
        try {
            Files.createDirectories(dir.resolve("riffle/wasm"));
            for (String file : CLIENT_FILES) {
                Path target = dir.resolve("riffle/" + file);
                if (bundle != null && file.equals(BUNDLE)) {
                    Files.copy(bundle, target, StandardCopyOption.REPLACE_EXISTING);
                    continue;
                }
                try (InputStream in = LiteExporter.class.getClassLoader().getResourceAsStream(CLIENT_ROOT + file)) {
                    if (in == null) {
                        throw new IOException("Missing " + CLIENT_ROOT + file + " on the class path: build"
                                + " lite-runtime with Maven (the TeaVM step writes the Wasm bundle)");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(dir.resolve("app.json"), json, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("index.html"), page(app, json, "./riffle/"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not export the Lite page to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void checkInBundle(StreamEvent event, List<String> bundled, String hint) {
        LiteHandler handler = event.handler();
        if (handler == null || event.placement() == Placement.SERVER) {
            throw new IllegalArgumentException("Stream '" + event.handlerId() + "' runs on the server; a Lite page"
                    + " can hold only streams whose handlers have a Wasm build (placement LITE or AUTO)");
        }
        if (!bundled.contains(handler.id())) {
            throw new IllegalArgumentException("Handler '" + handler.id() + "' has no Wasm build in the Lite bundle;"
                    + " the bundle has " + bundled + "." + hint);
        }
    }

    /**
     * The HTML page that renders {@code app}: its description inline, the client loaded from {@code clientBase}
     * (a URL path ending in {@code /}, e.g. {@code ./riffle/} next to an exported page, {@code /frontend/riffle/} on
     * a Riffle server). Streams run where their placement says (an exported page: all in the browser).
     */
    public static String page(Blocks app, String json, String clientBase) {
        boolean lite = app.streams().stream().anyMatch(s -> s.placement() != Placement.SERVER);
        boolean server = app.streams().stream().anyMatch(s -> s.placement() == Placement.SERVER);
        return page(app, json, clientBase, lite, server, null);
    }

    /**
     * The HTML page that renders {@code app} (see {@link #page(Blocks, String, String)}), told where its streams run:
     * {@code liteStreams} - some in the browser, from {@code bundle} (null: the client's built-in
     * {@code wasm/riffle-lite.wasm}); {@code serverStreams} - some on the server. The page asks the browser up front
     * for every script module it will load (what its elements and runners import, found in the client's own files),
     * so they arrive in one round instead of one import level after another.
     */
    public static String page(Blocks app, String json, String clientBase, boolean liteStreams, boolean serverStreams,
            String bundle) {
        String title = app.title().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String safeJson = json.replace("</", "<\\/");
        StringBuilder preload = new StringBuilder();
        for (String module : ClientModules.needed(app, liteStreams, serverStreams)) {
            preload.append("<link rel=\"modulepreload\" href=\"").append(clientBase).append(module).append("\">\n");
        }
        if (liteStreams) {
            String wasm = bundle != null ? bundle : clientBase + BUNDLE;
            preload.append("<link rel=\"preload\" href=\"").append(wasm.replace("\"", "&quot;"))
                    .append("\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n");
        }
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
