package dev.riffle.lite;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.LiteApp;
import dev.riffle.filters.Filters;
import dev.riffle.handler.LiteHandler;
import java.util.List;

/**
 * Riffle's own bundle: the built-in filters ({@link Filters#all()}), registered for TeaVM by
 * {@code src/wasm/META-INF/services/} only while lite-runtime's bundle is compiled, so users' bundles never carry
 * them unless their app names them. Internal.
 */
public final class BuiltInFilters implements LiteApp {
    @Override
    public List<LiteHandler> handlers() {
        return Filters.all();
    }

    @Override
    public Blocks app() {
        throw new UnsupportedOperationException("The built-in bundle has handlers but no page");
    }
}
