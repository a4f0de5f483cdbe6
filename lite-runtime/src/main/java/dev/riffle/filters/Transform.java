package dev.riffle.filters;

import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;

/**
 * The seed's {@code transform_cv2(frame, transform)}: input 0 picks the filter - {@code "cartoon"}, {@code "edges"},
 * anything else flips. The choice is read on every frame, so a dropdown change applies from the next frame.
 */
public final class Transform implements VideoHandler {
    /** The dropdown choices of the seed's demos, in its order. */
    public static final String[] CHOICES = {"cartoon", "edges", "flip"};

    private final Cartoon cartoon = new Cartoon();
    private final Edges edges = new Edges();
    private final Flip flip = new Flip();

    @Override
    public void handle(VideoFrame in, VideoFrame out, Inputs inputs) {
        String choice = inputs.text(0, "flip");
        switch (choice) {
            case "cartoon" -> cartoon.handle(in, out, inputs);
            case "edges" -> edges.handle(in, out, inputs);
            default -> flip.handle(in, out, inputs);
        }
    }
}
