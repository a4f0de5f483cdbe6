package dev.riffle.filters;

import dev.riffle.handler.LiteHandler;
import java.util.List;

/** The built-in video handlers, under the ids the Lite bundle knows them by. */
public final class Filters {
    /** The seed's {@code transform_cv2}: input 0 ({@code "cartoon"}, {@code "edges"}, else flip) picks the filter. */
    public static final LiteHandler TRANSFORM = new LiteHandler("transform", Transform::new);
    /** {@code np.flipud}. */
    public static final LiteHandler FLIP = new LiteHandler("flip", Flip::new);
    /** Canny 100/200 as gray RGB. */
    public static final LiteHandler EDGES = new LiteHandler("edges", Edges::new);
    /** The seed's cartoon pipeline. */
    public static final LiteHandler CARTOON = new LiteHandler("cartoon", Cartoon::new);
    /** Returns the frame unchanged: the seed's simplest echo, {@code lambda s: s}. */
    public static final LiteHandler IDENTITY = new LiteHandler("identity", () -> (in, out, inputs) -> {
        Frames.requireSameSize(in, out);
        out.buffer().put(0, in.buffer(), 0, in.pixelCount() * 4);
    });

    private Filters() {
    }

    /** Every built-in handler; all of them are in the Lite bundle. */
    public static List<LiteHandler> all() {
        return List.of(TRANSFORM, FLIP, EDGES, CARTOON, IDENTITY);
    }
}
