package ${package};

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Image;
import dev.riffle.blocks.LiteApp;
import dev.riffle.blocks.Markdown;
import dev.riffle.blocks.Row;
import dev.riffle.blocks.Slider;
import dev.riffle.handler.LiteHandler;
import java.util.List;

/**
 * The Lite app riffle-maven-plugin builds (its {@code <app>}): {@link #handlers()} are compiled to WebAssembly,
 * {@link #app()} lays out the page at build time.
 */
public final class SepiaApp implements LiteApp {
    /** The id names the handler in the page and in the Wasm bundle. */
    public static final LiteHandler SEPIA = new LiteHandler("sepia", Sepia::new);

    @Override
    public List<LiteHandler> handlers() {
        return List.of(SEPIA);
    }

    @Override
    public Blocks app() {
        Image camera = Image.webcam().label("Camera");
        Image toned = Image.output().label("Sepia");
        Slider strength = Slider.of(0, 100).step(1).value(100).label("Strength");
        camera.stream(SEPIA).inputs(camera, strength).outputs(toned);
        return new Blocks("Sepia").add(
                Markdown.of("# Sepia\nYour webcam, toned in your browser by Java compiled to WebAssembly."),
                Row.of(Column.of(camera, strength), Column.of(toned)));
    }
}
