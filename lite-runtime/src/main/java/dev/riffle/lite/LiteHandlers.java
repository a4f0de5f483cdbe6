package dev.riffle.lite;

import dev.riffle.filters.Cartoon;
import dev.riffle.filters.Edges;
import dev.riffle.filters.Flip;
import dev.riffle.filters.Transform;
import dev.riffle.handler.VideoHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handlers compiled into the Lite bundle, by the id a page's stream event names. Internal.
 *
 * <p>The ids are public names: {@code "transform"} (the seed's {@code transform_cv2}, input 0 picks the filter),
 * {@code "flip"}, {@code "edges"}, {@code "cartoon"} and {@code "identity"} (the simplest echo).
 */
final class LiteHandlers {
    private static final Map<String, VideoHandler> HANDLERS = new LinkedHashMap<>();

    static {
        HANDLERS.put("transform", new Transform());
        HANDLERS.put("flip", new Flip());
        HANDLERS.put("edges", new Edges());
        HANDLERS.put("cartoon", new Cartoon());
        HANDLERS.put("identity", (in, out, inputs) -> out.buffer().put(0, in.buffer(), 0, in.pixelCount() * 4));
    }

    private LiteHandlers() {
    }

    static VideoHandler get(String id) {
        return HANDLERS.get(id);
    }

    static List<String> ids() {
        return List.copyOf(HANDLERS.keySet());
    }
}
