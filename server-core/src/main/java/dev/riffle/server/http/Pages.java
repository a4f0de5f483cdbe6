package dev.riffle.server.http;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.LiteExporter;
import dev.riffle.blocks.Placement;
import dev.riffle.blocks.StreamEvent;
import dev.riffle.server.engine.Wire;
import java.util.List;
import java.util.Map;

/** The pages a server serves: a Blocks app whose stream events run on this server, on Riffle's browser client. */
public final class Pages {
    /** Where the browser client's files are served. */
    public static final String CLIENT_BASE = "/frontend/riffle/";

    private Pages() {
    }

    /** The page of {@code app}, its stream events in {@code serverPaths} wired to the server streams there. */
    public static String html(Blocks app, Map<StreamEvent, String> serverPaths) {
        return html(app, serverPaths, Map.of(), null);
    }

    /**
     * The page of {@code app}: its stream events in {@code serverPaths} run on the server streams there, those in
     * {@code fallbackPaths} in the browser and on the server stream there when the browser cannot load the Wasm
     * bundle; {@code bundle} is where the app's own Wasm bundle is served (null: Riffle's built-in one).
     */
    public static String html(Blocks app, Map<StreamEvent, String> serverPaths, Map<StreamEvent, String> fallbackPaths,
            String bundle) {
        return html(app, serverPaths, fallbackPaths, bundle, CLIENT_BASE);
    }

    /**
     * {@link #html(Blocks, Map, Map, String)} with the client served from {@code clientBase} (a context path's
     * {@code /app/frontend/riffle/}); the paths given are as the browser requests them (context path included).
     */
    public static String html(Blocks app, Map<StreamEvent, String> serverPaths, Map<StreamEvent, String> fallbackPaths,
            String bundle, String clientBase) {
        Map<String, Object> description = app.describe();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> described = (List<Map<String, Object>>) description.get("streams");
        List<StreamEvent> events = app.streams();
        for (int i = 0; i < events.size(); i++) {
            String path = serverPaths.get(events.get(i));
            if (path != null) {
                described.get(i).put("server", path);
                described.get(i).put("placement", Placement.SERVER.name());
            }
            String fallback = fallbackPaths.get(events.get(i));
            if (fallback != null) {
                described.get(i).put("fallback", fallback);
            }
        }
        if (bundle != null) {
            description.put("bundle", bundle);
        }
        boolean lite = events.stream().anyMatch(e -> !serverPaths.containsKey(e) && e.placement() != Placement.SERVER);
        return LiteExporter.page(app, Wire.write(description), clientBase, lite, !serverPaths.isEmpty(), bundle);
    }
}
