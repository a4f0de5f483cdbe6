package dev.riffle.lite;

import dev.riffle.blocks.LiteApp;
import dev.riffle.handler.LiteHandler;
import dev.riffle.handler.VideoHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The handlers compiled into a Lite bundle, one instance each, by id. They come from the {@link LiteApp}s listed in
 * {@code META-INF/services/dev.riffle.blocks.LiteApp} on TeaVM's class path, which TeaVM resolves at compile time:
 * {@link BuiltInFilters} for Riffle's own bundle, the project's app for a bundle riffle-maven-plugin builds - so a
 * bundle holds only the handlers its app names. Internal.
 */
final class LiteHandlers {
    private static final Map<String, VideoHandler> HANDLERS = new HashMap<>();
    private static final List<String> IDS = new ArrayList<>();

    static {
        for (LiteApp app : ServiceLoader.load(LiteApp.class)) {
            for (LiteHandler handler : app.handlers()) {
                if (!HANDLERS.containsKey(handler.id())) {
                    HANDLERS.put(handler.id(), handler.create());
                    IDS.add(handler.id());
                }
            }
        }
    }

    private LiteHandlers() {
    }

    static VideoHandler get(String id) {
        return HANDLERS.get(id);
    }

    static List<String> ids() {
        return IDS;
    }
}
