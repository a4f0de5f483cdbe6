package dev.riffle.handler;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A video handler with the id under which the Lite (WebAssembly) bundle registers it, so one definition serves a
 * static Lite page (the page names the id) and the JVM (which calls the factory). Each stream gets its own instance
 * from {@link #create()}.
 *
 * @param id the name a page's stream event uses, e.g. {@code "transform"}
 * @param factory makes a fresh handler instance
 */
public record LiteHandler(String id, Supplier<? extends VideoHandler> factory) {
    public LiteHandler {
        Objects.requireNonNull(factory, "factory");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("Handler id must be lower-case letters, digits and '-', starting with a"
                    + " letter, got '" + id + "'");
        }
    }

    private static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.charAt(0) < 'a' || id.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A fresh instance of the handler. */
    public VideoHandler create() {
        return factory.get();
    }
}
