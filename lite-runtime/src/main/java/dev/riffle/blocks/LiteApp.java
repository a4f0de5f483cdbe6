package dev.riffle.blocks;

import dev.riffle.handler.LiteHandler;
import java.util.List;

/**
 * A project's Lite app: the handlers compiled to WebAssembly and the page that uses them. Name the class in
 * {@code riffle-maven-plugin}'s {@code <app>}: the plugin compiles {@link #handlers()} with Riffle's Lite runtime
 * into one Wasm bundle (TeaVM), then runs {@link #app()} on the JVM and exports the static site.
 *
 * <pre>{@code
 * public final class SepiaApp implements LiteApp {
 *     static final LiteHandler SEPIA = new LiteHandler("sepia", Sepia::new);
 *
 *     public List<LiteHandler> handlers() {
 *         return List.of(SEPIA);
 *     }
 *
 *     public Blocks app() {
 *         Blocks page = new Blocks("Sepia");
 *         Image camera = page.add(Image.webcam());
 *         camera.stream(SEPIA).inputs(camera).outputs(camera);
 *         return page;
 *     }
 * }
 * }</pre>
 *
 * <p>The class needs a public no-argument constructor. {@link #handlers()} runs in the browser, so it and the
 * handlers it makes may use only what TeaVM compiles: no reflection, threads, files or sockets. {@link #app()} runs
 * only on the JVM at build time.
 */
public interface LiteApp {
    /** The handlers the bundle holds; every Lite stream of {@link #app()} must use one of them. */
    List<LiteHandler> handlers();

    /** The page; built on the JVM when the site is exported, never in the browser. */
    Blocks app();
}
