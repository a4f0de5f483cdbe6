package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.Placement;
import dev.riffle.blocks.Row;
import dev.riffle.filters.Filters;

/**
 * This example shows how to:
 * <ul>
 * <li>stream the webcam into a handler and show what it returns - the seed's simplest streaming app,
 * {@code input_img.stream(lambda s: s, input_img, output_img, time_limit=15, stream_every=0.1,
 * concurrency_limit=30)}.</li>
 * </ul>
 */
public final class SimplestEcho {
    private SimplestEcho() {
    }

    /** The demo as a Lite page: the handler runs in the browser. */
    public static Blocks app() {
        return app(Placement.AUTO);
    }

    /** The demo with its handler where {@code placement} says ({@link Placement#SERVER}: behind the queue). */
    public static Blocks app(Placement placement) {
        Image input = Image.webcam().label("Input");
        Image output = Image.output().label("Output");
        input.stream(Filters.IDENTITY).inputs(input).outputs(output)
                .timeLimit(15).streamEvery(0.1).concurrencyLimit(30)
                .placement(placement);
        return new Blocks("Simplest echo").add(Row.of(Column.of(input), Column.of(output)));
    }
}
