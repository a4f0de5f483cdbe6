package dev.riffle.server;

import dev.riffle.server.http.MountPath;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.LiteApp;
import dev.riffle.blocks.LiteExporter;
import dev.riffle.blocks.Placement;
import dev.riffle.blocks.StreamEvent;
import dev.riffle.handler.LiteHandler;
import dev.riffle.server.http.Pages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Blocks app as a server serves it at {@code path/}: its page, the streams its SERVER and AUTO events run on (at
 * {@code path/streams/<n>}) and, for a {@link LiteApp}, its own Wasm bundle ({@code path/bundle.wasm}). Paths here are
 * relative to the servlet context; the page names them with the context's path, as the browser requests them.
 */
record AppPage(String path, Map<String, Stream> streams, String html, byte[] bundle, String bundlePath) {
    private static final Logger LOG = LoggerFactory.getLogger(AppPage.class);

    /** {@code app} on Riffle's built-in Wasm bundle. */
    static AppPage of(String path, String contextPath, Blocks app) {
        return plan(path, contextPath, app, LiteExporter.builtInIds(), null, null);
    }

    /** {@code app} on the Wasm bundle riffle-maven-plugin put among its classes, if there is one. */
    static AppPage of(String path, String contextPath, LiteApp app) {
        Blocks page = LiteExporter.check(app);
        String resource = LiteExporter.bundleResource(app.getClass().getName());
        byte[] bundle;
        try (InputStream in = app.getClass().getClassLoader().getResourceAsStream(resource)) {
            bundle = in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
        if (bundle == null) {
            LOG.warn("No Wasm bundle of {} on its class path ({}): its AUTO streams run on the server. Build it with"
                    + " riffle-maven-plugin (goal build).", app.getClass().getName(), resource);
        }
        List<String> ids = bundle == null ? List.of() : app.handlers().stream().map(LiteHandler::id).toList();
        return plan(path, contextPath, page, ids, bundle, app.getClass().getName());
    }

    private static AppPage plan(String path, String contextPath, Blocks app, List<String> bundled, byte[] bundle,
            String appName) {
        String p = MountPath.normalize(path);
        Map<String, Stream> streams = new LinkedHashMap<>();
        Map<StreamEvent, String> serverPaths = new IdentityHashMap<>();
        Map<StreamEvent, String> fallbackPaths = new IdentityHashMap<>();
        int n = 0;
        for (StreamEvent event : app.streams()) {
            String streamPath = p + "/streams/" + n++;
            boolean inBundle = event.handler() != null && bundled.contains(event.handler().id());
            if (event.placement() == Placement.LITE && !inBundle) {
                throw new IllegalArgumentException("Stream '" + event.handlerId() + "' has placement LITE, but "
                        + (appName == null ? "Riffle's built-in bundle" : "no Wasm bundle of " + appName)
                        + " holds its handler: build the app with riffle-maven-plugin, or use placement AUTO");
            }
            if (event.placement() == Placement.SERVER || event.placement() == Placement.AUTO) {
                streams.put(streamPath, Stream.of(app, event));
                // AUTO with a Wasm build: the browser first, this server when the browser cannot load the bundle
                boolean browserFirst = event.placement() == Placement.AUTO && inBundle;
                (browserFirst ? fallbackPaths : serverPaths).put(event, contextPath + streamPath);
            }
        }
        String bundlePath = bundle == null ? null : p + "/bundle.wasm";
        String html = Pages.html(app, serverPaths, fallbackPaths, bundlePath == null ? null : contextPath + bundlePath,
                contextPath + Pages.CLIENT_BASE);
        return new AppPage(p, streams, html, bundle, bundlePath);
    }
}
