package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The demos that have a Lite page, by the folder name they are exported under. */
public final class Demos {
    private Demos() {
    }

    /** Folder name to app, in gallery order. */
    public static Map<String, Supplier<Blocks>> lite() {
        Map<String, Supplier<Blocks>> demos = new LinkedHashMap<>();
        demos.put("simplest-echo", SimplestEcho::app);
        demos.put("realistic-image", RealisticImageDemo::app);
        demos.put("unified-image", UnifiedImageDemo::app);
        return demos;
    }
}
