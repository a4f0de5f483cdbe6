package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Image;
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

    public static Blocks app() {
        Image input = Image.webcam().label("Input");
        Image output = Image.output().label("Output");
        input.stream(Filters.IDENTITY).inputs(input).outputs(output)
                .timeLimit(15).streamEvery(0.1).concurrencyLimit(30);
        return new Blocks("Simplest echo").add(Row.of(Column.of(input), Column.of(output)));
    }
}
