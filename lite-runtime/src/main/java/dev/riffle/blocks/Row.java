package dev.riffle.blocks;

/** Lays its children side by side (Gradio's {@code gr.Row}). */
public final class Row extends Container {
    /** A row holding the given components. */
    public static Row of(Component... components) {
        return new Row().add(components);
    }

    @Override
    String type() {
        return "row";
    }
}
