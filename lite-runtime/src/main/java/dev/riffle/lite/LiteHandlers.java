package dev.riffle.lite;

import dev.riffle.filters.Filters;
import dev.riffle.handler.LiteHandler;
import dev.riffle.handler.VideoHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The handlers compiled into the Lite bundle, one instance each, by id ({@link Filters#all()}). Internal. */
final class LiteHandlers {
    private static final Map<String, VideoHandler> HANDLERS = new HashMap<>();
    private static final List<String> IDS = new ArrayList<>();

    static {
        for (LiteHandler handler : Filters.all()) {
            HANDLERS.put(handler.id(), handler.create());
            IDS.add(handler.id());
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
