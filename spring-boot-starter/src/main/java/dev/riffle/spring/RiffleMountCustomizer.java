package dev.riffle.spring;

import dev.riffle.server.RiffleMount;

/**
 * A bean that configures the app's {@link RiffleMount} before it is installed: mounts of its own, settings the
 * {@code riffle.*} properties do not cover. Runs after the Stream, Blocks and LiteApp beans were mounted.
 */
@FunctionalInterface
public interface RiffleMountCustomizer {
    void customize(RiffleMount mount);
}
