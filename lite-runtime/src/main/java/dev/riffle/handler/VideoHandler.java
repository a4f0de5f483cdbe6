package dev.riffle.handler;

import dev.riffle.media.VideoFrame;

/**
 * A function that receives every webcam frame of a stream, with the stream's other inputs, and writes its answer -
 * Gradio's {@code fn(frame, *inputs)} for an {@code Image.stream(...)} event.
 *
 * <p>The runtime owns both frames: {@code out} has the size of {@code in} and is a different frame, so a handler never
 * allocates per frame (in the browser both live in WebAssembly linear memory). Inputs changed mid-stream (a dropdown,
 * a slider) arrive with the next frame.
 *
 * <pre>{@code
 * VideoHandler invert = (in, out, inputs) -> {
 *     for (int i = 0; i < in.pixelCount(); i++) {
 *         out.setPixel(i, in.pixel(i) ^ 0x00FFFFFF);
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface VideoHandler {
    /**
     * Processes one frame.
     *
     * @param in the captured frame; do not modify it
     * @param out where the result goes; same size as {@code in}
     * @param inputs the current values of the stream's other inputs, in the order the stream event lists them
     */
    void handle(VideoFrame in, VideoFrame out, Inputs inputs);
}
