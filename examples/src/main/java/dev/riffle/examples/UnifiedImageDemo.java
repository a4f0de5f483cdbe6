package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Dropdown;
import dev.riffle.blocks.Group;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.Placement;
import dev.riffle.filters.Filters;

/**
 * This example shows how to:
 * <ul>
 * <li>show the processed stream in the webcam image itself (the webcam is the stream's input and output) - the
 * seed's "unified image demo";</li>
 * <li>style an app with CSS through elem classes.</li>
 * </ul>
 */
public final class UnifiedImageDemo {
    /** The seed's CSS, as written there. */
    static final String CSS = """
            .my-group {max-width: 500px !important; max-height: 500px !important;}
                        .my-column {display: flex !important; justify-content: center !important; \
            align-items: center !important};""";

    private UnifiedImageDemo() {
    }

    /** The demo as a Lite page: the handler runs in the browser. */
    public static Blocks app() {
        return app(Placement.AUTO);
    }

    /** The demo with its handler where {@code placement} says ({@link Placement#SERVER}: behind the queue). */
    public static Blocks app(Placement placement) {
        Dropdown transform = Dropdown.of("cartoon", "edges", "flip").value("flip").label("Transformation");
        Image input = Image.webcam().streaming(true);
        input.stream(Filters.TRANSFORM).inputs(input, transform).outputs(input).timeLimit(30).streamEvery(0.1)
                .placement(placement);
        return new Blocks("Unified image demo").css(CSS)
                .add(Column.of(Group.of(transform, input).elemClasses("my-group")).elemClasses("my-column"));
    }
}
