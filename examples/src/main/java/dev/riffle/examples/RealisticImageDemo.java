package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Dropdown;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.Placement;
import dev.riffle.blocks.Row;
import dev.riffle.filters.Filters;

/**
 * This example shows how to:
 * <ul>
 * <li>let the user pick a filter (cartoon, edges, flip) for their webcam stream - the seed's "realistic image
 * demo";</li>
 * <li>pass a dropdown as an extra input whose changes apply from the next frame.</li>
 * </ul>
 */
public final class RealisticImageDemo {
    private RealisticImageDemo() {
    }

    /** The demo as a Lite page: the handler runs in the browser. */
    public static Blocks app() {
        return app(Placement.AUTO);
    }

    /** The demo with its handler where {@code placement} says ({@link Placement#SERVER}: behind the queue). */
    public static Blocks app(Placement placement) {
        Dropdown transform = Dropdown.of("cartoon", "edges", "flip").value("flip").label("Transformation");
        Image input = Image.webcam().label("Webcam");
        Image output = Image.output().streaming(true).label("Output");
        input.stream(Filters.TRANSFORM).inputs(input, transform).outputs(output)
                .timeLimit(30).streamEvery(0.1).concurrencyLimit(30)
                .placement(placement);
        return new Blocks("Realistic image demo")
                .add(Row.of(Column.of(transform, input), Column.of(output)));
    }
}
