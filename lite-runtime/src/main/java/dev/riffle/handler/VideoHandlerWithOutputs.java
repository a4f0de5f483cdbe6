package dev.riffle.handler;

import dev.riffle.media.VideoFrame;

/**
 * A video handler that also answers with values for the stream's non-media outputs - FastRTC's
 * {@code return frame, AdditionalOutputs(n)}. It runs on the server (the Lite bundle carries plain
 * {@link VideoHandler}s).
 *
 * <pre>{@code
 * VideoHandlerWithOutputs edgeCount = (in, out, inputs) -> {
 *     Filters.EDGES.create().handle(in, out, inputs);
 *     return AdditionalOutputs.of(countWhite(out));
 * };
 * }</pre>
 */
@FunctionalInterface
public interface VideoHandlerWithOutputs {
    /**
     * Processes one frame.
     *
     * @param in the captured frame; do not modify it
     * @param out where the result goes; same size as {@code in}
     * @param inputs the current values of the stream's other inputs
     * @return values for the additional outputs, or {@code null} to leave them as they are
     */
    AdditionalOutputs handle(VideoFrame in, VideoFrame out, Inputs inputs);

    /** A plain video handler seen as one with no additional outputs. */
    static VideoHandlerWithOutputs of(VideoHandler handler) {
        return (in, out, inputs) -> {
            handler.handle(in, out, inputs);
            return null;
        };
    }
}
